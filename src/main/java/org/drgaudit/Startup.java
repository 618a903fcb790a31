package org.drgaudit;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.drgaudit.cases.HospitalRecord;
import org.drgaudit.cases.HospitalRegistry;
import org.drgaudit.demo.DemoLoader;
import org.drgaudit.knowledge.KnowledgeLoaded;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.KnowledgeSnapshot;
import org.drgaudit.rules.RuleBaseService;
import org.drgaudit.security.BuiltInUsers;
import org.drgaudit.shared.DrgAuditConfig;
import org.drgaudit.sweeps.SweepService;
import org.jboss.logging.Logger;

/**
 * Brings the service up in order: the rule base in force with its knowledge base (whose hospitals join the
 * registry, each with its account), built-in accounts, sweeps interrupted by a restart, then the demo year on an
 * empty database.
 */
@Singleton
public class Startup {

    private static final Logger LOG = Logger.getLogger(Startup.class);

    @Inject
    KnowledgeService knowledge;

    @Inject
    BuiltInUsers users;

    @Inject
    RuleBaseService ruleBases;

    @Inject
    SweepService sweeps;

    @Inject
    DemoLoader demo;

    @Inject
    org.drgaudit.demo.SpeedBenchmark benchmark;

    @Inject
    DrgAuditConfig config;

    @Inject
    org.drgaudit.demo.BacktestBenchmark backtestBenchmark;

    /** The knowledge base's hospitals join the registry, each with its hospital account. */
    void registry(@Observes KnowledgeLoaded event, HospitalRegistry hospitals) {
        for (KnowledgeSnapshot.KnowledgeHospital h : event.snapshot().hospitals()) {
            hospitals.upsert(new HospitalRecord(h.code(), h.name(), h.level(), h.type(), h.region(), h.allianceCode(),
                    h.coefficient()));
        }
        users.ensure(event.snapshot().hospitals().stream().map(KnowledgeSnapshot.KnowledgeHospital::code).toList());
    }

    void start(@Observes StartupEvent event) {
        // the rule base brings its knowledge base: the published version, or the folders on disk when new
        var rules = ruleBases.startup();
        LOG.infof("Knowledge base %s, rule base version %d with %d rules", rules.knowledge().label(), rules.version(),
                rules.compiled().rules().size());
        sweeps.recoverInterrupted();
        if (config.benchmark().cases() > 0) {
            try {
                System.out.println(benchmark.run(config.benchmark().cases()).table());
            } finally {
                io.quarkus.runtime.Quarkus.asyncExit(0);
            }
            return;
        }
        if (config.demo().enabled()) {
            demo.loadIfEmpty();
        }
        if (config.benchmark().backtest()) {
            try {
                System.out.println(backtestBenchmark.run());
            } finally {
                io.quarkus.runtime.Quarkus.asyncExit(0);
            }
        }
    }
}
