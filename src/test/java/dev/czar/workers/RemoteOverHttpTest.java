package dev.czar.workers;

import dev.czar.github.RemoteBranches;
import dev.czar.testsupport.CapturedLogs;
import dev.czar.testsupport.GitHttpServer;
import dev.czar.testsupport.TempGitRepo;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * issue 19: the remote served over git's smart HTTP protocol on loopback ({@code git http-backend} behind Basic
 * authentication, as GitHub serves HTTPS). Without the git executable czar fetches and pushes with JGit and the
 * token as the password of {@code x-access-token}; the token reaches the server in the Authorization header and
 * nowhere else. With the git executable the user's own credential helper is what authenticates.
 */
class RemoteOverHttpTest {
    static final String TOKEN = "ghp_fakeTokenForTests0000000000000000000";

    @TempDir
    Path tmp;
    GitHttpServer server;
    TempGitRepo repo;
    String main;

    @BeforeEach
    void setUp() throws Exception {
        Path served = tmp.resolve("served");
        Git.init().setBare(true).setDirectory(served.resolve("remote.git").toFile()).setInitialBranch("main").call().close();
        server = GitHttpServer.serve(served, "x-access-token", TOKEN);
        repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        main = repo.commit("initial", Map.of("README.md", "shop\n"));
        repo.git().push().setRemote(served.resolve("remote.git").toUri().toString()).add("main").call();
        repo.git().remoteAdd().setName("origin").setUri(new URIish(server.url("remote.git"))).call();
    }

    @AfterEach
    void tearDown() {
        server.close();
        repo.close();
    }

    private RemoteSync sync(RemoteTransport transport) {
        return new RemoteSync(repo.git().getRepository(), "origin", Duration.ZERO, Clock.systemUTC(), transport);
    }

    @Test
    void should_fetch_and_push_with_jgit_sending_the_token_only_as_basic_auth() throws Exception {
        // given
        RemoteSync sync = sync(new JGitTransport(repo.git().getRepository(), TOKEN));
        try (CapturedLogs logs = new CapturedLogs()) {
            // when czar fetches, pushes its branch with a lease and deletes it
            assertThat(sync.fetchIfDue()).isTrue();
            repo.branch("czar/login");
            String head = repo.commit("Add the login page", Map.of("login.html", "<form></form>\n"));
            RemoteBranches remote = new RemoteBranches(sync);
            remote.push("czar/login");
            try (Git bare = Git.open(tmp.resolve("served/remote.git").toFile())) {
                assertThat(bare.getRepository().resolve("refs/heads/czar/login").name()).isEqualTo(head);
            }
            sync.fetchIfDue();
            remote.delete("czar/login");

            // then the remote's main was fetched, the branch went there and went away
            assertThat(sync.staleness()).isEmpty();
            assertThat(sync.trackingHead("main")).contains(main);
            try (Git bare = Git.open(tmp.resolve("served/remote.git").toFile())) {
                assertThat(bare.getRepository().exactRef("refs/heads/czar/login")).isNull();
            }
            // and the token went to the server as Basic auth, and is in no URL, config or log line
            assertThat(server.authorizations()).contains("Basic " + Base64.getEncoder()
                    .encodeToString(("x-access-token:" + TOKEN).getBytes(StandardCharsets.UTF_8)));
            assertThat(Files.readString(repo.dir().resolve(".git/config"))).doesNotContain(TOKEN);
            assertThat(logs.lines()).noneMatch(line -> line.contains(TOKEN));
        }
    }

    @Test
    void should_report_a_refused_token_in_one_line_without_showing_it() {
        // given
        String wrong = "ghp_wrongTokenForTests000000000000000000";
        RemoteSync sync = sync(new JGitTransport(repo.git().getRepository(), wrong));

        // when
        sync.fetchIfDue();

        // then
        assertThat(sync.staleness()).hasValueSatisfying(line -> assertThat(line)
                .startsWith("remote origin not fetched since czar started (last try 0 s ago): git fetch failed: ")
                .contains("not authorized").doesNotContain(wrong).doesNotContain("\n"));
    }

    @Test
    void should_fetch_with_the_git_executable_through_the_users_own_credential_helper() throws Exception {
        // given the user's git keeps the credentials (a store helper configured for this repository)
        Path store = tmp.resolve("credentials");
        Files.writeString(store, server.url("").replace("http://", "http://x-access-token:" + TOKEN + "@") + "\n");
        var config = repo.git().getRepository().getConfig();
        config.setString("credential", null, "helper", "store --file=" + store);
        config.save();
        RemoteSync sync = sync(new GitCliTransport(repo.dir()));

        // when
        assertThat(sync.fetchIfDue()).isTrue();

        // then
        assertThat(sync.staleness()).isEmpty();
        assertThat(sync.trackingHead("main")).contains(main);
    }

    @Test
    void should_fail_fast_with_the_git_executable_when_the_user_has_no_credentials_for_the_remote() {
        // given no credential helper: git must not wait for a password on a terminal
        RemoteSync sync = sync(new GitCliTransport(repo.dir()));

        // when
        long start = System.nanoTime();
        sync.fetchIfDue();

        // then
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(sync.staleness()).hasValueSatisfying(line -> assertThat(line).contains("git fetch failed: "));
    }
}
