package dev.czar.review;

import dev.czar.config.GitConfig;
import dev.czar.evidence.git.GitEvidence;
import dev.czar.store.Database;
import dev.langchain4j.model.chat.ChatModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** A real review service over a real repository and a real in-memory H2, with the shipped personas. */
final class ReviewHarness implements AutoCloseable {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    final GitEvidence git;
    final Database db;
    final ReviewService service;

    private ReviewHarness(Path repo, ChatModel model, ReviewSettings settings, Path personasDir) {
        this.git = GitEvidence.open(repo, new GitConfig(null, null));
        this.db = dev.czar.testsupport.MemoryDatabase.open();
        ReviewRunner runner = new ReviewRunner(model, settings, dev.czar.agent.Redactor.INSTANCE::redact);
        this.service = new ReviewService(git, PersonaLoader.load(personasDir), runner, new ReviewStore(db),
                PullRequestDiffs.notConfigured(), CLOCK);
    }

    static ReviewHarness offline(Path repo) {
        return new ReviewHarness(repo, null, settings(4, 10, 12000), null);
    }

    /** Offline, with the repository's own persona files read from {@code personasDir}. */
    static ReviewHarness offline(Path repo, Path personasDir) {
        return new ReviewHarness(repo, null, settings(4, 10, 12000), personasDir);
    }

    static ReviewHarness withModel(Path repo, ChatModel model, ReviewSettings settings) {
        return new ReviewHarness(repo, model, settings, null);
    }

    static ReviewSettings settings(int parallel, int timeoutSeconds, int tokenBudget) {
        return new ReviewSettings(parallel, Duration.ofSeconds(timeoutSeconds), tokenBudget);
    }

    /** A fixture file under {@code src/test/resources/fixtures/}. */
    static String fixture(String path) {
        try (InputStream in = ReviewHarness.class.getClassLoader().getResourceAsStream("fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture fixtures/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ReviewReport review(String target) {
        return service.review(ReviewService.target(target), ReviewOptions.defaults());
    }

    @Override
    public void close() {
        db.close();
        git.close();
    }
}
