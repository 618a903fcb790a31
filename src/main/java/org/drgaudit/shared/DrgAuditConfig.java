package org.drgaudit.shared;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.ZoneId;

/** Typed settings of DRG Audit (prefix {@code drgaudit}); every one is also an environment variable. */
@ConfigMapping(prefix = "drgaudit")
public interface DrgAuditConfig {

    /** Embedded database and uploads. */
    @WithDefault("./data")
    Path dataDir();

    /** DRL files of the rule base. */
    @WithDefault("./rules-drl")
    Path rulesDir();

    /** Reference tables and parameters of the knowledge base. */
    @WithDefault("./knowledge-base")
    Path knowledgeDir();

    /**
     * The only folder server-side file imports may read from (case files, official grouper tables): every path a
     * request names must lie inside it.
     */
    @WithDefault("${drgaudit.data-dir:./data}/imports")
    Path importDir();

    /** Golden regression cases every rule-base version must pass. */
    @WithDefault("./test-cases")
    Path testCasesDir();

    /** The region's time zone: exports show date-times as local times in it. */
    @WithDefault("Asia/Shanghai")
    ZoneId timeZone();

    Demo demo();

    EmbeddedDb embeddedDb();

    Benchmark benchmark();

    Rules rules();

    interface Rules {
        /** A rule base goes live only when at least one golden case ran (and all passed). */
        @WithDefault("true")
        boolean requireGoldenCases();

        /** The rule page proposes shadow mode for a rule whose precision (confirmed ÷ decided) is below this. */
        @WithDefault("0.5")
        double shadowProposalPrecision();

        /** … once at least this many of its findings were decided. */
        @WithDefault("10")
        int shadowProposalMinDecided();
    }

    /** The speed benchmark (docs/performance.md): run at start-up, print, and exit. */
    interface Benchmark {
        /** Cases in the benchmark month; 0 (the default) runs the service normally. */
        @WithDefault("0")
        int cases();

        /** Sweep the demo year's twelve months, then backtest two drafts over them; print the times and exit. */
        @WithDefault("false")
        boolean backtest();
    }

    /** The embedded PostgreSQL (used when no JDBC URL is configured). */
    interface EmbeddedDb {
        /** Start from an empty database each time (the tests do). */
        @WithDefault("false")
        boolean fresh();

        /**
         * fsync and synchronous commit on, so that an answered write survives a crash. Only a
         * throughput measurement turns this off (the benchmark says so in its output).
         */
        @WithDefault("true")
        boolean durable();
    }

    Sweep sweep();

    Login login();

    /** Logins of the built-in accounts (HTTP Basic). */
    interface Login {
        /**
         * Whether an account may still work with its initial password (the user name). By default only in the demo:
         * outside it, such an account may only change its password.
         */
        @WithDefault("${drgaudit.demo.enabled:true}")
        boolean allowDefaultPasswords();

        /** Wrong passwords an account may give before each further one locks it out for a doubling time. */
        @WithDefault("5")
        int freeFailuresPerAccount();

        /** Wrong passwords (for any account) one source address may give before it is locked out likewise. */
        @WithDefault("20")
        int freeFailuresPerSource();

        /** The longest lock-out. */
        @WithDefault("PT15M")
        java.time.Duration maxLockout();
    }

    interface Demo {
        /** On an empty database: load the demo hospitals, generate the demo years of cases and sweep them. */
        @WithDefault("true")
        boolean enabled();

        /** The first demo year. */
        @WithDefault("2024")
        int year();

        /**
         * How many consecutive demo years from {@link #year()} are generated, each with the knowledge set in force that
         * year (2024 under CHS-DRG 1.1, 2025 under CHS-DRG 2.0); a year no set covers stops the start with what is missing.
         */
        @WithDefault("2")
        int years();

        @WithDefault("3000")
        int casesPerMonth();

        @WithDefault("20240101")
        long seed();
    }

    interface Sweep {
        /** Cron of the monthly sweep of the previous settlement month (Quartz-style, seconds first). */
        @WithDefault("0 0 2 5 * ?")
        String cron();

        /** Parallel rule sessions; each owns a share of the patients. */
        @WithDefault("2")
        int workers();

        /** Cases per fire, cut at patient boundaries. */
        @WithDefault("2000")
        int batchSize();
    }
}
