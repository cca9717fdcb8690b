package dev.czar.review;

import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Offline reviews tell added from removed lines: branches of a real repository add, change and drop columns,
 * methods, routes, flags, config keys and dependencies, and each finding names the old and the new form.
 */
class DiffReadingReviewTest {
    private static final String GREETER = """
            package demo;

            public class Greeter {
                public String greet(String name) {
                    return "Hello " + name;
                }

                public int count(List<String> names, int limit) {
                    return Math.min(names.size(), limit);
                }
            }
            """;
    private static final String CONFIG = """
            server:
              port: 8080
            review:
              timeout: 30
              parallel: 4
            digest:
              channel: ops
            """;
    private static final String USERS_SQL = "CREATE TABLE users (\n    id BIGINT PRIMARY KEY,\n    email VARCHAR(200)\n);\n";

    @TempDir
    Path tmp;
    TempGitRepo repo;
    ReviewHarness harness;

    @BeforeEach
    void base() {
        Map<String, String> files = new HashMap<>();
        files.put("README.md", "# demo\n");
        files.put("src/main/java/demo/Greeter.java", GREETER);
        files.put("src/main/resources/application.yml", CONFIG);
        files.put("db/migration/V1__users.sql", USERS_SQL);
        files.put("src/main/java/demo/UserController.java", """
                package demo;

                @RestController
                public class UserController {
                    @GetMapping("/users/{id}")
                    User find(@PathVariable long id) { return null; }

                    @DeleteMapping("/users/{id}")
                    void delete(@PathVariable long id) { }
                }
                """);
        files.put("web/server.js", "const app = express();\napp.get('/health', health);\napp.post('/orders', createOrder);\n");
        files.put("tools/export.py", """
                import argparse

                parser = argparse.ArgumentParser()
                parser.add_argument('--out', help='output file')
                parser.add_argument('-v', '--verbose', action='store_true')
                """);
        files.put("src/main/java/demo/ExportCommand.java", """
                package demo;

                class ExportCommand {
                    @Option(names = {"-n", "--dry-run"}, description = "print only")
                    boolean dryRun;
                }
                """);
        repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        repo.commit("base", files);
    }

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
        repo.close();
    }

    @Test
    void a_migration_that_drops_the_email_column_is_a_data_loss_risk_not_a_new_personal_data_field() {
        // given
        repo.branch("drop-email").commit("drop email", Map.of("db/migration/V2__drop_email.sql",
                "-- e-mail moves to the contacts service\nALTER TABLE users DROP COLUMN email;\n"));
        // when
        ReviewReport report = review("drop-email");
        // then
        assertThat(report.findings()).filteredOn(f -> f.rule().equals("destructive-migrations")).singleElement().satisfies(f -> {
            assertThat(f.personas()).containsExactly("ops");
            assertThat(f.severity()).isEqualTo(Severity.MAJOR);
            assertThat(f.title()).isEqualTo("Data loss: migration drops column users.email");
            assertThat(f.location()).isEqualTo("db/migration/V2__drop_email.sql:2");
            assertThat(f.mitigation()).contains("Back up").contains("expand-contract");
        });
        assertThat(report.findings()).noneSatisfy(f -> assertThat(f.title()).contains("Personal-data"));
    }

    @Test
    void a_migration_that_adds_a_phone_column_is_a_personal_data_field_and_no_data_loss() {
        // given
        repo.branch("phone").commit("phone", Map.of("db/migration/V2__phone.sql",
                "ALTER TABLE users ADD COLUMN phone_number VARCHAR(40);\n",
                "db/migration/U2__phone.sql", "ALTER TABLE users DROP COLUMN phone_number;\n"));
        // when
        ReviewReport report = review("phone");
        // then the undo script's DROP is its job, not data loss
        assertThat(report.findings()).extracting(Finding::personas, Finding::severity, Finding::title, Finding::location)
                .contains(tuple(List.of("legal-compliance"), Severity.MINOR, "Personal-data field 'phone_number' introduced",
                        "db/migration/V2__phone.sql:1"));
        assertThat(report.findings()).noneSatisfy(f -> assertThat(f.rule()).isEqualTo("destructive-migrations"));
    }

    @Test
    void dropped_tables_in_sql_and_framework_migrations_are_data_loss_but_their_down_sections_are_not() {
        // given
        repo.branch("cleanup").commit("cleanup", Map.of(
                "db/migration/V2__cleanup.sql", "DROP TABLE IF EXISTS audit_log;\nTRUNCATE TABLE sessions;\n"
                        + "-- +migrate Down\nDROP TABLE orders;\n",
                "app/migrations/0007_remove_user_email.py", "operations = [\n"
                        + "    migrations.RemoveField(model_name='customer', name='email'),\n]\n"));
        // when
        ReviewReport report = review("cleanup");
        // then
        assertThat(report.findings()).filteredOn(f -> f.rule().equals("destructive-migrations"))
                .extracting(Finding::title, Finding::location).containsExactlyInAnyOrder(
                        tuple("Data loss: migration drops table audit_log", "db/migration/V2__cleanup.sql:1"),
                        tuple("Data loss: migration truncates table sessions", "db/migration/V2__cleanup.sql:2"),
                        tuple("Data loss: migration drops column customer.email", "app/migrations/0007_remove_user_email.py:2"));
        assertThat(report.findings()).noneSatisfy(f -> assertThat(f.title()).contains("Personal-data"));
    }

    @Test
    void a_changed_public_method_shows_the_old_and_the_new_signature() {
        // given
        repo.branch("greeting").commit("custom greeting", Map.of("src/main/java/demo/Greeter.java",
                GREETER.replace("public String greet(String name) {", "public String greet(String name, String greeting) {")
                        .replace("\"Hello \"", "greeting + \" \"")));
        // when
        ReviewReport report = review("greeting");
        // then
        assertThat(report.findings()).filteredOn(f -> f.rule().equals("public-api")).singleElement().satisfies(f -> {
            assertThat(f.personas()).containsExactly("product");
            assertThat(f.severity()).isEqualTo(Severity.MAJOR);
            assertThat(f.title()).isEqualTo("Breaking change: public method greet(String) changed to greet(String, String)");
            assertThat(f.location()).isEqualTo("src/main/java/demo/Greeter.java:4");
        });
        assertThat(report.findings()).anySatisfy(f -> assertThat(f.title()).contains("without docs or changelog"));
    }

    @Test
    void a_removed_method_is_removed_a_renamed_parameter_is_no_change_and_a_moved_method_is_not_removed() {
        // given
        String greeter = GREETER.replace("greet(String name)", "greet(String who)").replace("+ name", "+ who");
        int countStart = greeter.indexOf("    public int count");
        String withoutCount = greeter.substring(0, countStart).stripTrailing() + "\n}\n";
        repo.branch("slim").commit("count moves out, greet param renamed", Map.of("src/main/java/demo/Greeter.java", withoutCount,
                "src/main/java/demo/Counter.java", "package demo;\n\npublic class Counter {\n"
                        + "    public int count(List<String> names, int limit) {\n        return 0;\n    }\n}\n"));
        repo.branch("slimmer").commit("counting dropped", Map.of("src/main/java/demo/Counter.java", "package demo;\n\npublic class Counter {\n}\n"));
        // when
        ReviewReport moved = review("slim");
        ReviewReport removed = review("slimmer");
        // then
        assertThat(moved.findings()).noneSatisfy(f -> assertThat(f.rule()).isEqualTo("public-api"));
        assertThat(removed.findings()).filteredOn(f -> f.rule().equals("public-api")).extracting(Finding::title, Finding::location)
                .containsExactly(tuple("Breaking change: public method count(List<String>, int) removed", "src/main/java/demo/Greeter.java"));
    }

    @Test
    void changed_functions_in_python_typescript_and_kotlin_show_both_forms() {
        // given
        repo.commit("more languages", Map.of("lib/pay.py", "def charge(amount):\n    return amount\n",
                "web/api.ts", "export function total(items: Item[]): number {\n  return 0;\n}\n",
                "app/Fmt.kt", "fun format(value: Double, digits: Int = 2): String = \"\"\n"));
        repo.branch("signatures").commit("new signatures", Map.of(
                "lib/pay.py", "def charge(amount, currency):\n    return amount\n\ndef _round(x):\n    return x\n",
                "web/api.ts", "export function total(\n  items: Item[],\n  tax?: number,\n): number {\n  return 0;\n}\n",
                "app/Fmt.kt", "fun format(value: Long, digits: Int = 2): String = \"\"\n"));
        // when
        ReviewReport report = review("signatures");
        // then
        assertThat(report.findings()).filteredOn(f -> f.rule().equals("public-api")).extracting(Finding::title, Finding::location)
                .containsExactlyInAnyOrder(
                        tuple("Breaking change: public method charge(amount) changed to charge(amount, currency)", "lib/pay.py:1"),
                        tuple("Breaking change: public method total(Item[]) changed to total(Item[], number?)", "web/api.ts:1"),
                        tuple("Breaking change: public method format(Double, Int) changed to format(Long, Int)", "app/Fmt.kt:1"));
    }

    @Test
    void changed_and_removed_rest_routes_in_spring_express_and_flask() {
        // given
        repo.commit("flask", Map.of("api/app.py", "@app.route('/reports', methods=['GET', 'POST'])\ndef reports():\n    pass\n"));
        repo.branch("routes").commit("v2 routes", Map.of(
                "src/main/java/demo/UserController.java", """
                        package demo;

                        @RestController
                        public class UserController {
                            @GetMapping("/v2/users/{id}")
                            User find(@PathVariable long id) { return null; }
                        }
                        """,
                "web/server.js", "const app = express();\napp.get('/health', health);\n",
                "api/app.py", "def reports():\n    pass\n"));
        // when
        ReviewReport report = review("routes");
        // then
        assertThat(report.findings()).filteredOn(f -> f.rule().equals("public-api"))
                .extracting(Finding::severity, Finding::title, Finding::location).containsExactlyInAnyOrder(
                        tuple(Severity.MAJOR, "Breaking change: REST route GET /users/{id} changed to GET /v2/users/{id}",
                                "src/main/java/demo/UserController.java:5"),
                        tuple(Severity.MAJOR, "Breaking change: REST route DELETE /users/{id} removed", "src/main/java/demo/UserController.java"),
                        tuple(Severity.MAJOR, "Breaking change: REST route POST /orders removed", "web/server.js"),
                        tuple(Severity.MAJOR, "Breaking change: REST route GET|POST /reports removed", "api/app.py"));
    }

    @Test
    void renamed_removed_and_new_cli_flags_in_argparse_and_picocli() {
        // given
        repo.branch("flags").commit("flags", Map.of(
                "tools/export.py", """
                        import argparse

                        parser = argparse.ArgumentParser()
                        parser.add_argument('--output', help='output file')
                        parser.add_argument('-v', '--verbose', action='store_true')
                        parser.add_argument('--format', default='csv')
                        """,
                "src/main/java/demo/ExportCommand.java", """
                        package demo;

                        class ExportCommand {
                            boolean dryRun;
                        }
                        """));
        // when
        ReviewReport report = review("flags");
        // then
        assertThat(report.findings()).filteredOn(f -> f.rule().equals("cli-flags"))
                .extracting(Finding::severity, Finding::title, Finding::location).containsExactlyInAnyOrder(
                        tuple(Severity.MAJOR, "Breaking change: command-line flag --out changed to --output", "tools/export.py:4"),
                        tuple(Severity.MINOR, "New command-line flag --format", "tools/export.py:6"),
                        tuple(Severity.MAJOR, "Breaking change: command-line flag -n, --dry-run removed", "src/main/java/demo/ExportCommand.java"));
    }

    @Test
    void renamed_and_removed_config_keys_are_breaking_but_a_changed_value_is_not() {
        // given
        repo.branch("settings").commit("settings", Map.of("src/main/resources/application.yml", """
                server:
                  port: 9090
                review:
                  timeout-seconds: 30
                  parallel: 4
                """));
        repo.checkout("main").branch("digests").commit("digests renamed", Map.of("src/main/resources/application.yml",
                CONFIG.replace("digest:", "digests:")));
        // when
        ReviewReport settings = review("settings");
        ReviewReport digests = review("digests");
        // then
        assertThat(settings.findings()).filteredOn(f -> f.rule().equals("config-keys"))
                .extracting(Finding::personas, Finding::severity, Finding::title, Finding::location).containsExactlyInAnyOrder(
                        tuple(List.of("product"), Severity.MAJOR, "Breaking change: configuration key review.timeout changed to"
                                + " review.timeout-seconds", "src/main/resources/application.yml:4"),
                        tuple(List.of("product"), Severity.MAJOR, "Breaking change: configuration key digest removed",
                                "src/main/resources/application.yml"));
        assertThat(settings.findings()).noneSatisfy(f -> assertThat(f.title()).contains("server.port"));
        assertThat(digests.findings()).filteredOn(f -> f.rule().equals("config-keys")).extracting(Finding::title)
                .containsExactly("Breaking change: configuration key digest changed to digests");
    }

    @Test
    void request_mappings_express_routes_and_properties_keys_are_read_too_but_tests_and_manifests_are_not_api() {
        // given
        repo.commit("more surface", Map.of(
                "src/main/java/demo/OrderController.java", "package demo;\n\nclass OrderController {\n"
                        + "    @RequestMapping(value = \"/orders\", method = RequestMethod.POST)\n    void create() { }\n}\n",
                "config/app.properties", "mail.host=smtp.example.com\nmail.port=25\n",
                "k8s/deployment.yaml", "spec:\n  replicas: 2\n",
                "src/test/java/demo/GreeterTest.java", "package demo;\n\npublic class GreeterTest {\n    public void greets(String name) { }\n}\n"));
        repo.branch("surface").commit("surface changes", Map.of(
                "src/main/java/demo/OrderController.java", "package demo;\n\nclass OrderController {\n"
                        + "    @RequestMapping(value = \"/orders\", method = RequestMethod.PUT)\n    void create() { }\n}\n",
                "web/server.js", "const app = express();\napp.get('/healthz', health);\napp.post('/orders', createOrder);\n",
                "config/app.properties", "mail.host=smtp.example.com\n",
                "k8s/deployment.yaml", "spec:\n  instances: 2\n",
                "src/test/java/demo/GreeterTest.java", "package demo;\n\npublic class GreeterTest {\n    public void greets() { }\n}\n"));
        // when
        ReviewReport report = review("surface");
        // then
        assertThat(report.findings()).filteredOn(f -> f.personas().contains("product") && f.title().startsWith("Breaking change"))
                .extracting(Finding::title, Finding::location).containsExactlyInAnyOrder(
                        tuple("Breaking change: REST route POST /orders changed to PUT /orders", "src/main/java/demo/OrderController.java:4"),
                        tuple("Breaking change: REST route GET /health changed to GET /healthz", "web/server.js:2"),
                        tuple("Breaking change: configuration key mail.port removed", "config/app.properties"));
    }

    @Test
    void security_names_the_version_of_every_new_dependency_in_six_build_file_kinds() {
        // given
        repo.commit("build files", Map.of(
                "pom.xml", "<project>\n  <dependencies>\n  </dependencies>\n</project>\n",
                "web/package.json", "{\n  \"dependencies\": {\n    \"express\": \"^4.21.1\"\n  }\n}\n",
                "requirements.txt", "flask==3.0.3\n",
                "go.mod", "module example.com/demo\n\ngo 1.22\n\nrequire (\n\tgithub.com/spf13/cobra v1.8.0\n)\n",
                "Cargo.toml", "[package]\nname = \"demo\"\nversion = \"0.1.0\"\n\n[dependencies]\nserde = \"1.0\"\n",
                "build.gradle", "dependencies {\n    implementation 'org.slf4j:slf4j-api:2.0.16'\n}\n"));
        repo.branch("deps").commit("more dependencies", Map.of(
                "pom.xml", "<project>\n  <dependencies>\n    <dependency>\n      <groupId>com.google.guava</groupId>\n"
                        + "      <artifactId>guava</artifactId>\n      <version>33.3.1-jre</version>\n    </dependency>\n"
                        + "  </dependencies>\n</project>\n",
                "web/package.json", "{\n  \"dependencies\": {\n    \"express\": \"^4.21.2\",\n    \"left-pad\": \"^1.3.0\"\n  }\n}\n",
                "requirements.txt", "flask==3.0.3\nrequests>=2.31,<3\nrich\n",
                "go.mod", "module example.com/demo\n\ngo 1.22\n\nrequire (\n\tgithub.com/spf13/cobra v1.8.0\n"
                        + "\tgithub.com/google/uuid v1.6.0\n\tgolang.org/x/sys v0.20.0 // indirect\n)\n",
                "Cargo.toml", "[package]\nname = \"demo\"\nversion = \"0.2.0\"\n\n[dependencies]\nserde = \"1.0\"\n"
                        + "tokio = { version = \"1.38\", features = [\"full\"] }\n",
                "build.gradle", "dependencies {\n    implementation 'org.slf4j:slf4j-api:2.0.16'\n"
                        + "    testImplementation(\"org.junit.jupiter:junit-jupiter:5.11.3\")\n}\n"));
        // when
        ReviewReport report = review("deps");
        // then the bumped express and the package's own version are not new dependencies
        assertThat(report.findings()).filteredOn(f -> f.rule().equals("new-dependencies"))
                .extracting(Finding::title, Finding::location).containsExactlyInAnyOrder(
                        tuple("New dependency com.google.guava:guava 33.3.1-jre: check its provenance and known vulnerabilities", "pom.xml:3"),
                        tuple("New dependency left-pad ^1.3.0: check its provenance and known vulnerabilities", "web/package.json:4"),
                        tuple("New dependency requests >=2.31,<3: check its provenance and known vulnerabilities", "requirements.txt:2"),
                        tuple("New dependency rich (no version pinned): check its provenance and known vulnerabilities", "requirements.txt:3"),
                        tuple("New dependency github.com/google/uuid v1.6.0: check its provenance and known vulnerabilities", "go.mod:7"),
                        tuple("New dependency tokio 1.38: check its provenance and known vulnerabilities", "Cargo.toml:7"),
                        tuple("New dependency org.junit.jupiter:junit-jupiter 5.11.3: check its provenance and known vulnerabilities",
                                "build.gradle:3"));
    }

    private ReviewReport review(String branch) {
        if (harness == null) {
            harness = ReviewHarness.offline(repo.dir());
        }
        return harness.review(branch);
    }
}
