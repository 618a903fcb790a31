package org.drgaudit.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A smoke run of the speed benchmark at a small size: every step runs and reports a figure. The
 * figures themselves are measured at full size by the README's benchmark command, never asserted here.
 */
@QuarkusTest
class SpeedBenchmarkTest {

    @Inject
    SpeedBenchmark benchmark;

    @Test
    void theBenchmarkRunsEveryStepAndReportsItsFigures() {
        SpeedBenchmark.Result r = benchmark.run(1500);
        assertTrue(r.cases() >= 1500, r.table());
        assertTrue(r.findings() > 0, r.table());
        assertTrue(r.importSeconds() > 0 && r.copyInSeconds() > 0 && r.sweepSeconds() > 0 && r.copyOutSeconds() > 0, r.table());
        assertTrue(r.peakHeapUsedMb() > 0, r.table());
        assertTrue(r.table().contains("database durability: fsync=on, synchronous_commit=on (durable"), r.table());
        assertTrue(Files.exists(Path.of("target/test-data/benchmark/result.json")));
    }
}
