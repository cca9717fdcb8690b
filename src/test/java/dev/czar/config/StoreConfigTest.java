package dev.czar.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 23: {@code store.url} — H2 under the home by default, a PostgreSQL URL without credentials otherwise. */
class StoreConfigTest {
    @TempDir
    Path tmp;

    @Test
    void should_keep_the_state_in_the_homes_h2_file_by_default() {
        assertThat(new ConfigLoader(Map.of()).load(null).store().onServer()).isFalse();
    }

    @Test
    void should_take_a_postgresql_url_from_the_environment() {
        CzarConfig config = new ConfigLoader(Map.of("CZAR_STORE_URL", "jdbc:postgresql://db.internal:5432/czar")).load(null);

        assertThat(config.store().onServer()).isTrue();
        assertThat(config.store().url()).isEqualTo("jdbc:postgresql://db.internal:5432/czar");
    }

    @Test
    void should_refuse_a_password_in_the_url_and_urls_of_other_databases() throws Exception {
        Path withPassword = Files.writeString(tmp.resolve("a.yaml"),
                "store:\n  url: jdbc:postgresql://db/czar?user=czar&password=hunter2\n");
        Path mysql = Files.writeString(tmp.resolve("b.yaml"), "store:\n  url: jdbc:mysql://db/czar\n");

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(withPassword)).hasMessageContaining("CZAR_STORE_PASSWORD")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(mysql)).hasMessageContaining("jdbc:postgresql://");
    }
}
