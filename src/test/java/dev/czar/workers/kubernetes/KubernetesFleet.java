package dev.czar.workers.kubernetes;

import dev.czar.config.WorkersConfig;
import dev.czar.store.Database;
import dev.czar.testsupport.GitCli;
import dev.czar.workers.RemoteSync;
import dev.czar.workers.Workers;
import dev.czar.workers.WorkersWiring;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.eclipse.jgit.lib.Repository;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.czar.workers.kubernetes.KubernetesBackendTest.CONFIG;

/**
 * czar processes on the Kubernetes backend for the workstream tests: a bare repository as the team's remote, one
 * store (in-memory H2) and, per replica, a clone of the remote and a home, with the real supervisor fetching the
 * remote on every tick. The test also plays the pods' pushes to the remote ({@link #podPushes}).
 */
final class KubernetesFleet implements AutoCloseable {
    private final Path tmp;
    private final KubernetesClient client;
    private final Path remote;
    private final Database db;
    private final List<Workers> replicas = new ArrayList<>();
    private final List<Repository> repositories = new ArrayList<>();

    KubernetesFleet(Path tmp, KubernetesClient client) {
        this.tmp = tmp;
        this.client = client;
        GitCli seed = GitCli.init(tmp.resolve("seed"));
        seed.write("README.md", "demo\n").commitAll("initial");
        this.remote = tmp.resolve("remote.git");
        new GitCli(tmp).run("clone", "-q", "--bare", seed.dir().toString(), remote.toString());
        this.db = Database.open("jdbc:h2:mem:k8s-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    /**
     * A czar process named {@code name}: its own clone and home, the shared store; STUCK after {@code stuckAfter}.
     * The same name again is that czar restarted on its home.
     */
    Workers replica(String name, String stuckAfter) {
        return replica(name, stuckAfter, Clock.systemUTC());
    }

    /** As {@link #replica(String, String)}, its supervisor on {@code clock} (a czar whose time runs ahead or behind). */
    Workers replica(String name, String stuckAfter, Clock clock) {
        Path repo = repo(name);
        if (!Files.exists(repo)) {
            new GitCli(tmp).run("clone", "-q", remote.toString(), repo.toString());
        }
        WorkersConfig config = new WorkersConfig(List.of("sh", "-c", "cat"), 3, "50ms", stuckAfter, 1, "10ms", "", "30s",
                null, "200ms", 0, "7d", "auto", new WorkersConfig.Unsafe(null), null, "command", null, null, null,
                "kubernetes", CONFIG);
        Repository repository = GitCli.repository(repo); // the replica's one JGit access point, borrowed by its parts
        repositories.add(repository);
        Workers workers = Workers.open(config, home(name), repository, () -> Optional.of("main"), db, clock,
                WorkersWiring.builder().backend(new KubernetesBackend(client, CONFIG, repository, Clock.systemUTC()))
                        .notices((ws, text) -> { })
                        .remote(new RemoteSync(repository, "origin", Duration.ZERO, Clock.systemUTC())).build());
        replicas.add(workers);
        return workers;
    }

    Path repo(String replica) {
        return tmp.resolve(replica).resolve("repo");
    }

    Path home(String replica) {
        return tmp.resolve(replica).resolve("home");
    }

    /**
     * What a pod's run script does: the agent's commit of {@code file} on {@code branch}, pushed to the remote (the
     * pod's clone is kept, so successive calls are successive commits of one run). Returns the commit.
     */
    String podPushes(String branch, String file, String content, String message) {
        Path pod = tmp.resolve("pod");
        GitCli workspace = new GitCli(pod);
        if (!Files.exists(pod)) {
            new GitCli(tmp).run("clone", "-q", remote.toString(), pod.toString());
            workspace.run("checkout", "-q", "-b", branch);
        }
        String sha = workspace.write(file, content).commitAll(message);
        workspace.run("push", "-q", "origin", "HEAD:refs/heads/" + branch);
        return sha;
    }

    @Override
    public void close() {
        replicas.forEach(Workers::close);
        repositories.forEach(Repository::close);
        db.close();
    }
}
