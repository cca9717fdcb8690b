package dev.czar.workers.kubernetes;

import dev.czar.config.KubernetesConfig;
import dev.czar.workers.WorkerException;
import dev.czar.workers.WorkerLaunch;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Job of one worker attempt and the Secret holding its task, as czar asks the cluster for them. The task text
 * and the agent's prompt live only in the Secret, mounted read-only as files; the container's arguments carry a
 * placeholder that a fixed shell script replaces with the file's content. An init container clones the workstream's
 * branch (or the remote's default branch, then creates it) from the remote named in a Secret; after the agent the
 * script pushes the branch back, so czar fetches what the worker did from the remote.
 */
final class JobSpec {
    static final String AGENT = "agent";
    static final String WORKSPACE = "/workspace";
    static final String TASK_DIR = "/var/run/czar/task";
    static final String HOME_DIR = "/var/run/czar/home";
    static final String PROMPT_PLACEHOLDER = "@CZAR_PROMPT@";
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String WORKSTREAM = "czar.dev/workstream";
    static final String ATTEMPT = "czar.dev/attempt";
    /** Texts shorter than this are too common to tell whether a spec leaked them. */
    private static final int LEAK_CHECK_CHARS = 20;

    /** Clones the branch, or the default branch as a new branch; czar's identity for the agent's commits. */
    static final String CLONE_SCRIPT = """
            set -e
            w="$CZAR_WORKSPACE"
            if ! git clone --quiet --branch "$CZAR_BRANCH" "$CZAR_REMOTE_URL" "$w" 2>/dev/null; then
              git clone --quiet "$CZAR_REMOTE_URL" "$w"
              git -C "$w" checkout --quiet -b "$CZAR_BRANCH"
            fi
            git -C "$w" config user.name "czar worker $CZAR_WORKSTREAM"
            git -C "$w" config user.email "czar-worker@localhost"
            echo "czar: workspace cloned at $(git -C "$w" rev-parse --short HEAD) on $CZAR_BRANCH"
            """;

    /**
     * Puts the prompt file's text where the placeholder is, runs the agent (stdin: the task file for plain programs,
     * else nothing), pushes the branch whatever the agent's exit, and exits with the agent's code (3 when only the
     * push failed: czar must not judge a branch it cannot see). While the agent runs, a background loop pushes every
     * {@code CZAR_PUSH_EVERY} seconds the commit it is at, when it moved since the last push: czar counts each pushed
     * commit as progress. The loop pushes a commit id, never a moving HEAD, and never forces.
     */
    static final String RUN_SCRIPT = """
            for a do
              shift
              case "$a" in
                *@CZAR_PROMPT@) set -- "$@" "${a%@CZAR_PROMPT@}$(cat "$CZAR_PROMPT_FILE")" ;;
                *) set -- "$@" "$a" ;;
              esac
            done
            pusher=
            if [ "${CZAR_PUSH_EVERY:-0}" -gt 0 ]; then
              pushed=$(git rev-parse HEAD)
              (
                while sleep "$CZAR_PUSH_EVERY"; do
                  head=$(git rev-parse HEAD) || continue
                  if [ "$head" != "$pushed" ] && git push --quiet "$CZAR_REMOTE_URL" "$head:refs/heads/$CZAR_BRANCH"; then
                    pushed=$head
                  fi
                done
              ) < /dev/null > /dev/null 2>&1 &
              pusher=$!
            fi
            if [ -n "$CZAR_STDIN" ]; then "$@" < "$CZAR_TASK_FILE"; else "$@" < /dev/null; fi
            rc=$?
            if [ -n "$pusher" ]; then kill "$pusher" 2>/dev/null; wait "$pusher" 2>/dev/null; fi
            if ! git push --quiet "$CZAR_REMOTE_URL" "HEAD:refs/heads/$CZAR_BRANCH" >&2; then
              echo "czar: pushing $CZAR_BRANCH failed" >&2
              [ "$rc" -eq 0 ] && rc=3
            fi
            exit "$rc"
            """;

    private final KubernetesConfig config;

    JobSpec(KubernetesConfig config) {
        this.config = config;
    }

    /** The Job running {@code launch} as attempt {@code attempt}, named {@code name}. */
    Job job(String name, WorkerLaunch launch, String branch, String attempt) {
        Map<String, String> labels = labels(launch.name(), attempt);
        List<VolumeMount> mounts = List.of(mount("workspace", WORKSPACE, false), mount("task", TASK_DIR, true),
                mount("home", HOME_DIR, false));
        return new JobBuilder()
                .withNewMetadata().withName(name).withNamespace(config.namespace()).withLabels(labels).endMetadata()
                .withNewSpec()
                .withBackoffLimit(0) // czar retries, with its own backoff and limits
                .withTtlSecondsAfterFinished(config.ttlSecondsAfterFinished())
                .withActiveDeadlineSeconds(config.activeDeadlineSeconds() > 0 ? config.activeDeadlineSeconds().longValue() : null)
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withServiceAccountName(config.serviceAccount())
                .withAutomountServiceAccountToken(false) // the agent needs no API rights
                .addNewVolume().withName("workspace").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("home").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("task").withNewSecret().withSecretName(name).withDefaultMode(0444).endSecret().endVolume()
                .addNewInitContainer()
                .withName("clone").withImage(config.cloneImage()).withCommand("sh", "-c", CLONE_SCRIPT)
                .withEnv(remoteUrl(), value("CZAR_BRANCH", branch), value("CZAR_WORKSTREAM", launch.name()),
                        value("CZAR_WORKSPACE", WORKSPACE))
                .withVolumeMounts(mount("workspace", WORKSPACE, false))
                .endInitContainer()
                .addNewContainer()
                .withName(AGENT).withImage(config.image()).withWorkingDir(WORKSPACE)
                .withCommand(command(launch))
                .withEnv(env(launch, branch))
                .withEnvFrom(credentials())
                .withNewResources().withRequests(quantities(config.requests())).withLimits(quantities(config.limits()))
                .endResources()
                .withVolumeMounts(mounts)
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** The Secret with the task and the prompt, owned by {@code job}: Kubernetes deletes it with the Job. */
    Secret taskSecret(Job job, WorkerLaunch launch) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("TASK.md", launch.taskText() == null ? "" : launch.taskText());
        data.put("prompt", launch.promptArg() == null ? "" : launch.promptArg());
        return new SecretBuilder()
                .withNewMetadata().withName(job.getMetadata().getName()).withNamespace(config.namespace())
                .withLabels(job.getMetadata().getLabels())
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
                        .withName(job.getMetadata().getName()).withUid(job.getMetadata().getUid())
                        .withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withType("Opaque")
                .withStringData(data)
                .build();
    }

    static Map<String, String> labels(String workstream, String attempt) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(MANAGED_BY, "czar");
        labels.put(WORKSTREAM, JobNames.labelValue(workstream));
        labels.put(ATTEMPT, attempt);
        return labels;
    }

    /** {@code sh -c RUN_SCRIPT czar-worker <agent command with the prompt replaced by the placeholder>}. */
    private List<String> command(WorkerLaunch launch) {
        List<String> command = new ArrayList<>(List.of("sh", "-c", RUN_SCRIPT, "czar-worker"));
        String prompt = launch.promptArg();
        for (String arg : launch.command()) {
            boolean carriesPrompt = prompt != null && !prompt.isEmpty() && arg.endsWith(prompt);
            command.add(carriesPrompt ? arg.substring(0, arg.length() - prompt.length()) + PROMPT_PLACEHOLDER : arg);
        }
        refuseLeaks(launch, command);
        return command;
    }

    /**
     * The launch's environment for the pod: host paths under the attempt's log directory move to an empty dir, the
     * working copy to the clone; the host's status file has no meaning there.
     */
    private List<EnvVar> env(WorkerLaunch launch, String branch) {
        String logDir = launch.log().toAbsolutePath().getParent().toString();
        String workingCopy = launch.workingCopy().toAbsolutePath().toString();
        List<EnvVar> env = new ArrayList<>();
        for (var e : new TreeMap<>(launch.env()).entrySet()) {
            String value = e.getValue();
            if (e.getKey().equals("CZAR_STATUS_FILE") || e.getKey().equals("CZAR_TASK_FILE")
                    || e.getKey().equals("CZAR_BRANCH")) {
                continue;
            }
            if (value.startsWith(logDir)) {
                value = HOME_DIR + value.substring(logDir.length());
            } else if (value.startsWith(workingCopy)) {
                value = WORKSPACE + value.substring(workingCopy.length());
            }
            env.add(value(e.getKey(), value));
        }
        env.add(value("CZAR_BRANCH", branch));
        env.add(value("CZAR_TASK_FILE", TASK_DIR + "/TASK.md"));
        env.add(value("CZAR_PROMPT_FILE", TASK_DIR + "/prompt"));
        env.add(value("CZAR_STDIN", launch.readsStdin() ? "1" : ""));
        env.add(value("CZAR_PUSH_EVERY", Integer.toString(config.pushIntervalSeconds())));
        env.add(value("HOME", HOME_DIR));
        env.add(remoteUrl());
        refuseLeaks(launch, env.stream().map(v -> v.getValue() == null ? "" : v.getValue()).toList());
        return env;
    }

    /** The task text must reach the pod only through the Secret's files. */
    private static void refuseLeaks(WorkerLaunch launch, List<String> values) {
        for (String text : new String[]{launch.taskText(), launch.promptArg()}) {
            if (text == null || text.strip().length() < LEAK_CHECK_CHARS) {
                continue;
            }
            if (values.stream().anyMatch(v -> v.contains(text.strip()))) {
                throw new WorkerException("the agent's command line carries the task text in a way the kubernetes"
                        + " backend cannot pass by file; use an agent preset that takes its prompt as one argument");
            }
        }
    }

    private EnvVar remoteUrl() {
        return new EnvVarBuilder().withName("CZAR_REMOTE_URL").withNewValueFrom().withNewSecretKeyRef()
                .withName(config.remoteSecret()).withKey("url").endSecretKeyRef().endValueFrom().build();
    }

    private List<EnvFromSource> credentials() {
        return config.credentialSecrets().stream()
                .map(secret -> new EnvFromSourceBuilder().withNewSecretRef().withName(secret).endSecretRef().build())
                .toList();
    }

    private static EnvVar value(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    private static VolumeMount mount(String name, String path, boolean readOnly) {
        return new VolumeMountBuilder().withName(name).withMountPath(path).withReadOnly(readOnly ? true : null).build();
    }

    private static Map<String, Quantity> quantities(Map<String, String> values) {
        Map<String, Quantity> quantities = new TreeMap<>();
        values.forEach((k, v) -> quantities.put(k, new Quantity(v)));
        return quantities;
    }
}
