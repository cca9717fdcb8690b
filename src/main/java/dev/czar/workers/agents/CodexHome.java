package dev.czar.workers.agents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The private {@code CODEX_HOME} of one workstream ({@code <configDir>/codex}) and the {@code config.toml} czar
 * writes into it before every run. Keeping Codex away from the user's {@code ~/.codex} means its sessions,
 * logs and settings are the workstream's own; what the file says:
 * <ul>
 *   <li>{@code sandbox_mode = "workspace-write"}, approvals never asked (nobody can answer them headless);</li>
 *   <li>the working copy's git dirs as extra writable roots: Codex mounts {@code .git} read-only inside the
 *       workspace, which would make every {@code git commit} fail;</li>
 *   <li>no analytics, update check or plugin sync (each reaches openai.com or github.com on startup);</li>
 *   <li>when the run's env has {@code OPENAI_BASE_URL}: a model provider {@code czar} with that base URL,
 *       {@code wire_api = "responses"} and, when {@code OPENAI_API_KEY} is set, {@code env_key = "OPENAI_API_KEY"}
 *       — how a self-hosted model or a gateway serving the Responses API is used.</li>
 * </ul>
 * Anything else is overridable with {@code -c key=value} in {@code workers.agents.codex.args} (command-line
 * overrides win over this file).
 */
public final class CodexHome {
    static final String BASE_URL_ENV = "OPENAI_BASE_URL";
    static final String API_KEY_ENV = "OPENAI_API_KEY";

    private CodexHome() {
    }

    /** Where the workstream's Codex keeps its config and sessions. */
    public static Path dir(AgentRun run) {
        return run.configDir().resolve("codex");
    }

    /** Creates the home and (re)writes its {@code config.toml} for this run. */
    public static Path prepare(AgentRun run) {
        Path home = dir(run);
        try {
            Files.createDirectories(home);
            Files.writeString(home.resolve("config.toml"), configToml(run));
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Codex config in " + home, e);
        }
    }

    /** The file's text; root keys come before tables, as TOML requires. */
    static String configToml(AgentRun run) {
        String baseUrl = run.env().getOrDefault(BASE_URL_ENV, "").trim();
        StringBuilder toml = new StringBuilder("# Written by czar before each run; see README, \"Agent presets\".\n");
        toml.append("sandbox_mode = \"workspace-write\"\n");
        toml.append("approval_policy = \"never\"\n");
        toml.append("check_for_update_on_startup = false\n");
        if (!baseUrl.isEmpty()) {
            toml.append("model_provider = \"czar\"\n");
        }
        toml.append("\n[analytics]\nenabled = false\n");
        toml.append("\n[features]\nplugins = false\napps = false\nremote_plugin = false\n");
        toml.append("\n[sandbox_workspace_write]\nnetwork_access = false\nwritable_roots = ")
                .append(array(CodexGitDirs.of(run.workingCopy()))).append('\n');
        if (!baseUrl.isEmpty()) {
            toml.append("\n[model_providers.czar]\nname = \"czar\"\nbase_url = ").append(string(baseUrl))
                    .append("\nwire_api = \"responses\"\n");
            if (run.env().containsKey(API_KEY_ENV)) {
                toml.append("env_key = ").append(string(API_KEY_ENV)).append('\n');
            }
        }
        return toml.toString();
    }

    private static String array(List<Path> paths) {
        return paths.stream().map(p -> string(p.toString())).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A TOML basic string. */
    static String string(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
