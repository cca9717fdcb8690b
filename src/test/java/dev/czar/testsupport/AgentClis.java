package dev.czar.testsupport;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.fail;

/**
 * The real agent CLIs the worker tests run, installed by {@code .ci/install-agents} into the directory named by the
 * system property {@code czar.test.agents.bin}. Missing on a developer machine: the test is skipped and says which
 * CLI and how to install it; missing in CI ({@code CI=true}): the test fails.
 */
public final class AgentClis {
    public static final String PROPERTY = "czar.test.agents.bin";

    private AgentClis() {
    }

    /** The absolute path of {@code name} (e.g. {@code claude}), or the test stops here. */
    public static Path require(String name) {
        String dir = System.getProperty(PROPERTY, "target/test-agents/node_modules/.bin");
        Path cli = Path.of(dir, name).toAbsolutePath();
        if (!Files.isExecutable(cli)) {
            String why = "the real '" + name + "' CLI is not installed at " + cli + "; run .ci/install-agents";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + " (CI=true: agent tests must run)");
            }
            Assumptions.abort(why);
        }
        return cli;
    }
}
