package dev.czar.store;

import dev.czar.UserError;
import dev.czar.testsupport.PostgresServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 23: the store on a real PostgreSQL server — one schema history with H2, the audit log append-only there too. */
class PostgresqlStoreTest {
    private PostgresServer server;

    @BeforeEach
    void server() {
        server = PostgresServer.shared(); // skipped here on a machine without PostgreSQL, failed in CI
    }

    @Test
    void should_migrate_a_fresh_postgresql_database_to_the_same_schema_history_as_h2() throws SQLException {
        try (Database pg = Database.openServer(server.freshDatabaseUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
             Database h2 = Database.open("jdbc:h2:mem:history-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")) {
            assertThat(pg.vendor()).isEqualTo(SqlVendor.POSTGRESQL);
            assertThat(history(pg)).isEqualTo(history(h2)).contains("1", "110", "130", "180");
        }
    }

    @Test
    void should_open_an_already_migrated_database_again_without_migrating() {
        String url = server.freshDatabaseUrl();
        AuditLog first;
        try (Database db = Database.openServer(url, PostgresServer.USER, PostgresServer.PASSWORD)) {
            new AuditLog(db, Clock.fixed(Instant.parse("2026-12-07T04:00:00Z"), ZoneOffset.UTC))
                    .record("U1", "C1", "launch", "a", "ALLOWED", null);
        }
        try (Database db = Database.openServer(url, PostgresServer.USER, PostgresServer.PASSWORD)) {
            AuditLog log = new AuditLog(db, Clock.systemUTC());
            assertThat(log.recent(5)).extracting(AuditLog.Entry::command).containsExactly("launch");
            assertThat(log.verify().intact()).isTrue();
        }
    }

    @Test
    void should_refuse_to_update_delete_or_truncate_the_audit_log_on_postgresql() throws SQLException {
        try (Database db = Database.openServer(server.freshDatabaseUrl(), PostgresServer.USER, PostgresServer.PASSWORD)) {
            new AuditLog(db, Clock.systemUTC()).record("U1", "C1", "kill", "w1", "ALLOWED", null);
            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                for (String rewrite : List.of("UPDATE audit_log SET outcome = 'DENIED'", "DELETE FROM audit_log",
                        "TRUNCATE audit_log", "DELETE FROM audit_chain_head")) {
                    assertThatThrownBy(() -> st.execute(rewrite)).as(rewrite).isInstanceOf(SQLException.class)
                            .hasMessageContaining("is append-only");
                }
            }
        }
    }

    @Test
    void should_say_in_one_line_when_the_server_refuses_the_password() {
        assertThatThrownBy(() -> Database.openServer(server.freshDatabaseUrl(), PostgresServer.USER, "wrong"))
                .isInstanceOf(UserError.class).hasMessageStartingWith("cannot open the czar store jdbc:postgresql://")
                .hasMessageContaining("password authentication failed").hasMessageContaining("28P01");
    }

    @Test
    void should_ask_for_the_user_in_the_environment_when_none_is_given() {
        assertThatThrownBy(() -> Database.openServer(server.url("postgres"), null, null))
                .isInstanceOf(UserError.class).hasMessageContaining("CZAR_STORE_USER");
    }

    private static List<String> history(Database db) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }
}
