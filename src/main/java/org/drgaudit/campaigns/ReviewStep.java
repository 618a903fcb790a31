package org.drgaudit.campaigns;

import java.util.Map;
import java.util.Set;
import org.drgaudit.security.Roles;

/**
 * The steps of the national two-libraries review procedure and who acts at each: 初审 by an inspector,
 * 复审 by a reviewer, 申诉 by the hospital (which appeals or accepts), 调查核实 by an inspector, 违规处理 by a reviewer.
 */
enum ReviewStep {
    FIRST_REVIEW("初审", Set.of(Roles.INSPECTOR), Map.of("CONFIRM", "SECOND_REVIEW", "DISMISS", "DONE")),
    SECOND_REVIEW("复审", Set.of(Roles.REVIEWER), Map.of("CONFIRM", "APPEAL", "DISMISS", "DONE")),
    // a hospital that accepts the finding (认可) has nothing to investigate: it goes straight to 违规处理
    APPEAL("申诉", Set.of(Roles.HOSPITAL), Map.of("APPEAL", "INVESTIGATION", "ACCEPT", "DECISION")),
    INVESTIGATION("调查核实", Set.of(Roles.INSPECTOR), Map.of("INVESTIGATE", "DECISION")),
    DECISION("违规处理", Set.of(Roles.REVIEWER), Map.of("CONFIRM", "DONE", "DISMISS", "DONE")),
    DONE("已办结", Set.of(), Map.of());

    private final String label;
    private final Set<String> roles;
    private final Map<String, String> next;

    ReviewStep(String label, Set<String> roles, Map<String, String> next) {
        this.label = label;
        this.roles = roles;
        this.next = next;
    }

    String label() {
        return label;
    }

    Set<String> roles() {
        return roles;
    }

    /** The step an action leads to, or null when the action is not taken at this step. */
    ReviewStep after(String action) {
        String n = next.get(action);
        return n == null ? null : valueOf(n);
    }

    /** The actions taken at this step, in a stable order. */
    Set<String> actions() {
        return new java.util.TreeSet<>(next.keySet());
    }
}
