package dev.czar.workers.kubernetes;

import dev.czar.testsupport.GitCli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two scripts a worker pod runs, run here by the real {@code sh} and {@code git} with a bare repository as the
 * team's remote: the init container's clone, and the agent container's prompt-from-file, agent, push.
 */
class PodScriptsTest {
    private static final String PROMPT = "Rename 'mode' to 'style'; it's \"quoted\" and $NOT_EXPANDED\n\n---\nczar: end with CZAR_DONE\n";

    @TempDir
    Path tmp;
    private Path remote;

    @BeforeEach
    void remote() {
        GitCli seed = GitCli.init(tmp.resolve("seed"));
        seed.write("README.md", "mode = old\n").commitAll("initial");
        remote = tmp.resolve("remote.git");
        new GitCli(tmp).run("clone", "-q", "--bare", seed.dir().toString(), remote.toString());
    }

    @Test
    void should_clone_a_new_branch_run_the_agent_with_the_prompt_from_the_file_and_push_what_it_committed() throws Exception {
        // given
        Path workspace = tmp.resolve("pod-1/workspace");
        assertThat(run(JobSpec.CLONE_SCRIPT, List.of(), workspace.getParent()).code()).isZero();

        // when: the agent writes what it got as its prompt argument and commits it
        Result agent = run(JobSpec.RUN_SCRIPT, List.of("sh", "-c",
                "printf '%s' \"$1\" > seen.txt && git add seen.txt && git commit -qm 'agent: done'", "agent",
                "--prompt=" + JobSpec.PROMPT_PLACEHOLDER), workspace);

        // then
        assertThat(agent.code()).isZero();
        assertThat(Files.readString(workspace.resolve("seen.txt"))).isEqualTo("--prompt=" + PROMPT.stripTrailing());
        String pushed = new GitCli(remote).run("log", "-1", "--format=%s %an", "czar/rename").strip();
        assertThat(pushed).isEqualTo("agent: done czar worker rename");

        // when: the next attempt clones the branch as pushed
        Path again = tmp.resolve("pod-2/workspace");
        Result clone = run(JobSpec.CLONE_SCRIPT, List.of(), again.getParent());

        // then
        assertThat(clone.output()).contains("czar: workspace cloned at").contains("on czar/rename");
        assertThat(again.resolve("seen.txt")).exists();
    }

    @Test
    void should_exit_with_the_agents_code_and_with_3_when_only_the_push_failed() throws Exception {
        // given
        Path workspace = tmp.resolve("pod/workspace");
        run(JobSpec.CLONE_SCRIPT, List.of(), workspace.getParent());

        // then: the agent's own failure wins
        assertThat(run(JobSpec.RUN_SCRIPT, List.of("sh", "-c", "exit 5"), workspace).code()).isEqualTo(5);

        // when: the remote is gone
        Files.move(remote, tmp.resolve("moved.git"));
        Result unpushed = run(JobSpec.RUN_SCRIPT, List.of("true"), workspace);

        // then
        assertThat(unpushed.code()).isEqualTo(3);
        assertThat(unpushed.output()).contains("czar: pushing czar/rename failed");
    }

    @Test
    void should_push_each_new_commit_while_the_agent_runs_then_the_last_one_after_it() throws Exception {
        // given
        Path workspace = tmp.resolve("pod/workspace");
        run(JobSpec.CLONE_SCRIPT, List.of(), workspace.getParent());
        Path go = tmp.resolve("go");

        // when: the agent commits, then waits (up to 60 s) for the test to have seen that commit on the remote
        Process agent = start(JobSpec.RUN_SCRIPT, List.of("sh", "-c", "echo one > one.txt && git add one.txt"
                + " && git commit -qm 'agent: first step' && i=0; while [ ! -f " + go + " ] && [ $i -lt 600 ]; do"
                + " sleep 0.1; i=$((i+1)); done; echo two > two.txt && git add two.txt && git commit -qm 'agent: second step'"),
                workspace, Map.of("CZAR_PUSH_EVERY", "1"));

        // then: the first commit reached the remote while the agent still ran
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!remoteSubject().equals("agent: first step") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(remoteSubject()).isEqualTo("agent: first step");
        assertThat(agent.isAlive()).isTrue();

        // when
        Files.writeString(go, "");

        // then: the last commit is pushed after the agent, and no pusher is left behind holding the output open
        assertThat(agent.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(agent.exitValue()).isZero();
        assertThat(remoteSubject()).isEqualTo("agent: second step");
        agent.getInputStream().readAllBytes();
    }

    private String remoteSubject() {
        try {
            return new GitCli(remote).run("log", "-1", "--format=%s", "czar/rename").strip();
        } catch (RuntimeException | AssertionError e) {
            return ""; // the branch is not there yet
        }
    }

    private record Result(int code, String output) {
    }

    /** {@code sh -c SCRIPT czar-worker ARGS…} with the pod's environment, files under {@code tmp}. */
    private Result run(String script, List<String> args, Path dir) throws IOException, InterruptedException {
        Process process = start(script, args, dir, Map.of());
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private Process start(String script, List<String> args, Path dir, Map<String, String> extraEnv) throws IOException {
        Files.createDirectories(dir);
        Path task = tmp.resolve("task");
        Files.createDirectories(task);
        Files.writeString(task.resolve("prompt"), PROMPT);
        Files.writeString(task.resolve("TASK.md"), "Rename 'mode' to 'style'\n");
        List<String> command = new ArrayList<>(List.of("sh", "-c", script, "czar-worker"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("HOME", tmp.toString());
        env.put("CZAR_REMOTE_URL", remote.toString());
        env.put("CZAR_BRANCH", "czar/rename");
        env.put("CZAR_WORKSTREAM", "rename");
        env.put("CZAR_WORKSPACE", dir.resolve("workspace").toString());
        env.put("CZAR_TASK_FILE", task.resolve("TASK.md").toString());
        env.put("CZAR_PROMPT_FILE", task.resolve("prompt").toString());
        env.put("CZAR_STDIN", "");
        env.putAll(extraEnv);
        return builder.start();
    }
}
