package org.drgaudit.knowledge.grouper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.drgaudit.knowledge.AdrgEntry;
import org.drgaudit.knowledge.GrouperTables;

/**
 * Random codings drawn from a grouper version's own tables, for comparing two groupers: most aim at an
 * ADRG (its principal diagnosis, one code of each of its procedure lists, principal first), the rest
 * take any principal of any MDC; secondaries from the MCC/CC lists and, now and then, trauma codes of
 * other body sites; newborns, infants and adults; and, at a small rate each, the inputs a grouper cannot
 * decide (no sex, no age, an infant without age in days, a newborn without birth weight).
 */
final class RandomCodings {

    private final SplittableRandom rnd;
    private final List<AdrgEntry> adrgs;
    private final List<String> principals;
    private final Map<String, List<String>> principalsOfMdc = new HashMap<>();
    private final List<String> complications;
    private final List<String> procedures;
    private final List<List<String>> traumaSites;

    RandomCodings(GrouperTables t, List<List<String>> traumaSites, long seed) {
        this.rnd = new SplittableRandom(seed);
        this.adrgs = new ArrayList<>(t.adrgs().values());
        this.adrgs.sort(java.util.Comparator.comparing(AdrgEntry::code));
        this.principals = new ArrayList<>(new TreeSet<>(t.mdcsOfPrincipal().keySet()));
        t.mdcsOfPrincipal().forEach((dx, mdcs) -> mdcs.forEach(m -> principalsOfMdc.computeIfAbsent(m, k -> new ArrayList<>()).add(dx)));
        principalsOfMdc.values().forEach(l -> l.sort(null));
        TreeSet<String> cx = new TreeSet<>(t.mcc().keySet());
        cx.addAll(t.cc().keySet());
        this.complications = new ArrayList<>(cx);
        TreeSet<String> pr = new TreeSet<>(t.validOrProcedures());
        t.adrgs().values().forEach(a -> pr.addAll(a.procedures()));
        this.procedures = new ArrayList<>(pr);
        this.traumaSites = traumaSites;
    }

    GroupingCase next() {
        String principal;
        List<String> procs = new ArrayList<>();
        String mdc = null;
        if (rnd.nextInt(100) < 80) {
            AdrgEntry a = adrgs.get(rnd.nextInt(adrgs.size()));
            mdc = a.mdc();
            List<String> own = a.principalDiagnoses();
            List<String> ofMdc = principalsOfMdc.getOrDefault(a.mdc(), principals);
            principal = !own.isEmpty() && rnd.nextInt(10) < 9 ? pick(own) : pick(ofMdc.isEmpty() ? principals : ofMdc);
            for (Map.Entry<String, List<String>> list : a.lists().entrySet()) {
                if (list.getKey().startsWith("adrg_ss") && !list.getValue().isEmpty() && rnd.nextInt(10) < 8) {
                    if (list.getKey().equals("adrg_ss")) {
                        procs.add(0, pick(list.getValue()));
                    } else {
                        procs.add(pick(list.getValue()));
                    }
                }
            }
        } else {
            principal = pick(principals);
        }
        for (int k = rnd.nextInt(3); k > 0 && rnd.nextInt(3) == 0; k--) {
            procs.add(rnd.nextInt(procs.size() + 1), pick(procedures));
        }
        List<String> secondaries = new ArrayList<>();
        for (int k = rnd.nextInt(5); k > 0; k--) {
            secondaries.add(pick(complications));
        }
        if (!traumaSites.isEmpty() && rnd.nextInt(8) == 0) {
            for (int k = 1 + rnd.nextInt(2); k > 0; k--) {
                secondaries.add(rnd.nextInt(secondaries.size() + 1), pick(traumaSites.get(rnd.nextInt(traumaSites.size()))));
            }
        }
        String sex = "MDCM".equals(mdc) ? "M" : "MDCN".equals(mdc) || "MDCO".equals(mdc) ? "F" : rnd.nextBoolean() ? "M" : "F";
        Integer years;
        Integer days = null;
        Integer weight = null;
        int band = "MDCP".equals(mdc) ? rnd.nextInt(10) : rnd.nextInt(100);
        if (band < 6) {
            years = 0;
            days = band < 4 ? rnd.nextInt(29) : 29 + rnd.nextInt(336);
            weight = 500 + rnd.nextInt(4200);
        } else {
            years = "MDCP".equals(mdc) ? 1 + rnd.nextInt(10) : 1 + rnd.nextInt(95);
        }
        int edge = rnd.nextInt(200);
        if (edge == 0) {
            sex = null;
        } else if (edge == 1) {
            years = null;
            days = null;
        } else if (edge == 2 && years != null && years == 0) {
            days = null;
        } else if (edge == 3 && days != null && days <= 28) {
            weight = null;
        }
        return new GroupingCase(principal, secondaries, procs, sex, years, days, weight, null, null);
    }

    private String pick(List<String> l) {
        return l.get(rnd.nextInt(l.size()));
    }

    /** The code lists of an MDC's body sites in a knowledge-base folder's {@code mdc_sites.tsv}. */
    static List<List<String>> sites(String mdcSitesTsv, String mdc) {
        Map<String, List<String>> bySite = new java.util.LinkedHashMap<>();
        for (String line : mdcSitesTsv.split("\n")) {
            String[] f = line.split("\t");
            if (f.length == 4 && f[0].equals(mdc)) {
                bySite.computeIfAbsent(f[1], k -> new ArrayList<>()).add(f[3]);
            }
        }
        return List.copyOf(bySite.values());
    }
}
