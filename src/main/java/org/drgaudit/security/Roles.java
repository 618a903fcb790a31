package org.drgaudit.security;

/** The roles of DESIGN §10, and the special-case experts (专家). */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String INSPECTOR = "inspector";
    public static final String REVIEWER = "reviewer";
    public static final String HOSPITAL = "hospital";
    public static final String POLICY = "policy";
    public static final String APPROVER = "approver";
    /** 专家: reviews the special-case declarations assigned to them, blind to the declaring hospital. */
    public static final String EXPERT = "expert";

    private Roles() {
    }
}
