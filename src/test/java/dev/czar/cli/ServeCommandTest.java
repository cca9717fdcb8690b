package dev.czar.cli;

import dev.czar.Czar;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServeCommandTest {
    @Test
    void should_exit_2_with_one_line_naming_the_tokens_when_slack_is_not_configured() {
        // when
        Run run = serve(Map.of());

        // then
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err.lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("czar: Slack is not configured: set SLACK_BOT_TOKEN and SLACK_APP_TOKEN")
                .contains("czar chat"));
    }

    @Test
    void should_ask_for_the_signing_secret_when_serving_http() {
        // when
        Run run = serve(Map.of("SLACK_BOT_TOKEN", "xoxb-test-not-a-real-token"), "--http", "0");

        // then
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err).contains("set SLACK_SIGNING_SECRET").doesNotContain("xoxb-test");
    }

    private static Run serve(Map<String, String> env, String... flags) {
        CommandLine cli = CzarCommand.commandLine(Czar::assemble, env, Clock.systemUTC());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        String[] args = new String[flags.length + 1];
        args[0] = "serve";
        System.arraycopy(flags, 0, args, 1, flags.length);
        int exit = cli.execute(args);
        return new Run(exit, err.toString());
    }

    private record Run(int exit, String err) {
    }
}
