package dev.czar.workers.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.czar.testsupport.GitCli;
import dev.czar.workers.RunningWorker;
import dev.czar.workers.WorkerLaunch;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static dev.czar.workers.kubernetes.KubernetesBackendTest.CONFIG;
import static dev.czar.workers.kubernetes.KubernetesBackendTest.TASK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample Role in {@code deploy/kubernetes/role.yaml} grants exactly the API verbs czar's backend used through a
 * worker's whole life (start, state, log, end, kill, left-overs after a failover): a missing verb would fail in a
 * real cluster, an extra one would grant more than czar needs.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesRbacTest {
    private static final String AGENT_UA = "czar-under-test";

    KubernetesMockServer server;
    KubernetesClient client;
    @TempDir
    Path tmp;

    private Repository repository;

    @AfterEach
    void closeRepository() {
        if (repository != null) {
            repository.close();
        }
    }

    @Test
    void the_sample_role_grants_exactly_the_verbs_czar_uses() throws Exception {
        // given: czar's own client, told apart from the test's by its user agent
        GitCli remote = GitCli.init(tmp.resolve("remote"));
        remote.write("README.md", "demo\n").commitAll("initial");
        new GitCli(tmp).run("clone", "-q", tmp.resolve("remote").toString(), tmp.resolve("repo").toString());
        KubernetesClient czar = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(client.getConfiguration()).withUserAgent(AGENT_UA).build()).build();
        repository = GitCli.repository(tmp.resolve("repo"));
        KubernetesBackend backend = new KubernetesBackend(czar, CONFIG, repository, Clock.systemUTC());

        // when: one worker runs to its end, one is killed, one is left over after a failover
        RunningWorker ended = backend.start(launch("done"));
        Pod pod = runPod(only("done"));
        awaitLog(tmp.resolve("logs/done/attempt-1.log"));
        client.pods().inNamespace("czar-test").withName(pod.getMetadata().getName()).editStatus(p -> {
            p.getStatus().setPhase("Succeeded");
            p.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName(JobSpec.AGENT)
                    .withNewState().withNewTerminated().withExitCode(0).endTerminated().endState().build()));
            return p;
        });
        awaitExit(ended);
        backend.start(launch("killed")).kill();
        backend.start(launch("orphan"));
        List<String> leftovers = backend.terminateLeftovers("orphan", tmp.resolve("repo"));
        czar.close();

        // then
        assertThat(leftovers).singleElement().asString().startsWith("job czar-orphan-1-");
        assertThat(verbsUsed()).isEqualTo(verbsGranted(Path.of("deploy/kubernetes/role.yaml")));
    }

    private WorkerLaunch launch(String name) {
        String prompt = TASK + "\n---\nczar: end with 'CZAR_DONE: <summary>'\n";
        return new WorkerLaunch(name, List.of("claude", "-p", "--", prompt), tmp.resolve("repo"), null,
                Map.of("CZAR_BRANCH", "czar/" + name, "CZAR_ATTEMPT", "1"), tmp.resolve("logs/" + name + "/attempt-1.log"),
                KubernetesBackendTest.claudeStream(), TASK, prompt);
    }

    private Job only(String workstream) {
        return client.batch().v1().jobs().inNamespace("czar-test").withLabel(JobSpec.WORKSTREAM, workstream).list()
                .getItems().get(0);
    }

    private Pod runPod(Job job) {
        String name = job.getMetadata().getName() + "-p0d";
        server.expect().get().withPath("/api/v1/namespaces/czar-test/pods/" + name + "/log?pretty=false&container=agent&follow=true")
                .andReturn(200, "{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"s-1\"}\n").always();
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("czar-test")
                .withLabels(Map.of("job-name", job.getMetadata().getName())).endMetadata().build();
        client.pods().inNamespace("czar-test").resource(pod).create();
        return client.pods().inNamespace("czar-test").withName(name).editStatus(p -> {
            p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running")
                    .withContainerStatuses(new ContainerStatusBuilder().withName(JobSpec.AGENT).withNewState()
                            .withNewRunning().endRunning().endState().build()).build());
            return p;
        });
    }

    private static void awaitLog(Path log) throws Exception {
        for (int i = 0; i < 300 && !(Files.exists(log) && Files.readString(log).contains("session_id")); i++) {
            Thread.sleep(100);
        }
        assertThat(log).content().contains("session_id");
    }

    private static void awaitExit(RunningWorker worker) throws Exception {
        for (int i = 0; i < 300 && worker.exitCode().isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(worker.exitCode()).contains(0);
    }

    /** {@code group/resource:verb} of every request czar's client sent. */
    private Set<String> verbsUsed() throws InterruptedException {
        Set<String> used = new TreeSet<>();
        RecordedRequest request;
        while ((request = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
            if (AGENT_UA.equals(request.getHeader("User-Agent"))) {
                used.add(verbOf(request.getMethod(), request.getPath()));
            }
        }
        return used;
    }

    /** The Kubernetes authorization verb of one API request (namespaced resources). */
    static String verbOf(String method, String pathAndQuery) {
        String path = pathAndQuery.split("\\?", 2)[0];
        String query = pathAndQuery.contains("?") ? pathAndQuery.split("\\?", 2)[1] : "";
        List<String> parts = List.of(path.substring(1).split("/"));
        String group = parts.get(0).equals("api") ? "" : parts.get(1);
        int ns = parts.indexOf("namespaces");
        List<String> rest = parts.subList(ns + 2, parts.size());
        String resource = rest.get(0) + (rest.size() > 2 ? "/" + rest.get(2) : "");
        boolean named = rest.size() > 1;
        String verb = switch (method) {
            case "GET" -> query.contains("watch=true") ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "DELETE" -> named ? "delete" : "deletecollection";
            case "PATCH" -> "patch";
            case "PUT" -> "update";
            default -> method;
        };
        return group + "/" + resource + ":" + verb;
    }

    private static Set<String> verbsGranted(Path role) throws Exception {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(role.toFile()).get("rules");
        Set<String> granted = new TreeSet<>();
        for (JsonNode rule : rules) {
            for (JsonNode group : rule.get("apiGroups")) {
                for (JsonNode resource : rule.get("resources")) {
                    for (JsonNode verb : rule.get("verbs")) {
                        granted.add(group.asText() + "/" + resource.asText() + ":" + verb.asText());
                    }
                }
            }
        }
        return granted;
    }
}
