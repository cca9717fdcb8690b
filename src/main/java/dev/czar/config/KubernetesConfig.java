package dev.czar.config;

import java.util.List;
import java.util.Map;

/**
 * Workers as Kubernetes Jobs ({@code workers.backend: kubernetes}, issue 23). The cluster is found the way kubectl
 * finds it (fabric8's auto-configuration: {@code KUBECONFIG} or {@code ~/.kube/config}, or the pod's service
 * account when czar itself runs in the cluster).
 *
 * @param namespace                the namespace the Jobs, their pods and the task Secrets live in
 * @param image                    the agent image: the agent CLI, git and a shell; required for this backend
 * @param gitImage                 the image of the init container that clones the workspace; empty = {@code image}
 * @param serviceAccount           the pods' service account (no API rights needed; empty = the namespace's default)
 * @param requests                 resource requests of the agent container ({@code cpu}, {@code memory})
 * @param limits                   resource limits of the agent container; a pod over its memory limit is OOMKilled
 * @param ttlSecondsAfterFinished  how long a finished Job (and its pod and logs) stays before Kubernetes removes it
 * @param activeDeadlineSeconds    the most a Job may run before Kubernetes ends it; 0 = no limit
 * @param remoteSecret             the Secret whose key {@code url} is the git remote the pod clones from and pushes
 *                                 to (credentials in the URL or a token helper in the image)
 * @param credentialSecrets        Secrets whose keys become the agent's environment (API keys), never in czar's config
 * @param fetchRemote              the remote of czar's own repository that is the same repository: the branch a pod
 *                                 pushed is fetched from it into the working copy the gate checks
 * @param pushIntervalSeconds      how often a running pod pushes its branch when the agent committed since the last
 *                                 push, so czar sees its progress (fetched from {@code fetch-remote} on the tick);
 *                                 0 = push only after the agent
 */
public record KubernetesConfig(String namespace, String image, String gitImage, String serviceAccount,
                               Map<String, String> requests, Map<String, String> limits,
                               Integer ttlSecondsAfterFinished, Integer activeDeadlineSeconds, String remoteSecret,
                               List<String> credentialSecrets, String fetchRemote,
                               Integer pushIntervalSeconds) {
    public KubernetesConfig {
        namespace = text(namespace, "czar");
        image = text(image, "");
        gitImage = text(gitImage, "");
        serviceAccount = text(serviceAccount, "czar-worker");
        requests = requests != null ? Map.copyOf(requests) : Map.of("cpu", "500m", "memory", "1Gi");
        limits = limits != null ? Map.copyOf(limits) : Map.of("cpu", "2", "memory", "4Gi");
        ttlSecondsAfterFinished = ttlSecondsAfterFinished != null ? ttlSecondsAfterFinished : 3600;
        activeDeadlineSeconds = activeDeadlineSeconds != null ? activeDeadlineSeconds : 0;
        remoteSecret = text(remoteSecret, "czar-remote");
        credentialSecrets = credentialSecrets != null ? List.copyOf(credentialSecrets) : List.of();
        fetchRemote = text(fetchRemote, "origin");
        pushIntervalSeconds = pushIntervalSeconds != null ? pushIntervalSeconds : 60;
    }

    public static final KubernetesConfig DEFAULTS = new KubernetesConfig(null, null, null, null, null, null, null, null,
            null, null, null, null);

    /** The init container's image: {@code git-image}, else the agent image. */
    public String cloneImage() {
        return gitImage.isEmpty() ? image : gitImage;
    }

    private static String text(String value, String fallback) {
        return value != null && !value.isBlank() ? value.strip() : fallback;
    }
}
