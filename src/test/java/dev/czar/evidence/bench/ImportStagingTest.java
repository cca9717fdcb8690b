package dev.czar.evidence.bench;

import dev.czar.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ImportStagingTest {
    @TempDir
    Path home;

    @Test
    void should_sweep_the_staging_dirs_of_dead_processes_and_keep_those_of_live_ones() throws Exception {
        // given <home>/tmp with the staging dir of a process that has exited, one of this process, and an unrelated dir
        Path scratch = home.resolve("tmp");
        Path dead = Files.createDirectories(scratch.resolve(ImportStaging.PREFIX + exitedPid() + "-123"));
        Files.writeString(dead.resolve("metrics-0.csv"), "RUN_ID\n1\n");
        Path live = Files.createDirectories(scratch.resolve(ImportStaging.PREFIX + ProcessHandle.current().pid() + "-456"));
        Path unrelated = Files.createDirectories(scratch.resolve(ImportStaging.PREFIX + "notes"));

        // when
        List<Path> swept = ImportStaging.sweep(scratch);

        // then
        assertThat(swept).containsExactly(dead);
        assertThat(dead).doesNotExist();
        assertThat(live).isDirectory();
        assertThat(unrelated).isDirectory();
    }

    @Test
    void should_stage_under_the_home_and_leave_nothing_there_after_an_import() throws Exception {
        // given a leftover of a killed import in the home's scratch dir
        Path dead = Files.createDirectories(home.resolve("tmp").resolve(ImportStaging.PREFIX + exitedPid() + "-1"));
        Path file = home.resolve("results.csv");
        Files.writeString(file, "benchmark,metric,value\nparse_json,time,12.5\n");

        // when
        try (Database db = Database.open(home)) {
            assertThat(db.scratchDir()).isEqualTo(home.toAbsolutePath().normalize().resolve("tmp"));
            ImportReport report = new BenchmarkImporter(db, Clock.systemUTC()).importFiles(List.of(file), null, false);
            assertThat(report.inserted()).isEqualTo(1);
        }

        // then the leftover is gone and the import cleaned up after itself
        assertThat(dead).doesNotExist();
        try (Stream<Path> left = Files.list(home.resolve("tmp"))) {
            assertThat(left).isEmpty();
        }
    }

    /** The pid of a process that has already exited. */
    static long exitedPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.pid();
    }
}
