package org.drgaudit.campaigns;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A campaign's scope as SQL conditions over a case ({@code c}, settled_case) and its hospital
 * ({@code h}): months, hospital level or list, DRG code prefixes. Values are always bound, never
 * spliced into the text.
 */
final class CampaignScope {

    private final StringBuilder where = new StringBuilder();
    private final List<Binder> binds = new ArrayList<>();

    interface Binder {
        void bind(PreparedStatement ps, int index, Connection c) throws SQLException;
    }

    /** The campaign's months as dates (first days), for {@code = ANY(?)}. */
    static Date[] months(Campaign campaign) {
        return java.util.Arrays.stream(campaign.months).map(m -> Date.valueOf(java.time.YearMonth.parse(m).atDay(1)))
                .toArray(Date[]::new);
    }

    CampaignScope(Campaign campaign, String monthColumn) {
        Date[] months = months(campaign);
        add(monthColumn + " = ANY(?)", (ps, i, c) -> ps.setArray(i, c.createArrayOf("date", months)));
        if (campaign.hospitalLevel != null) {
            short level = campaign.hospitalLevel;
            add("h.level = ?", (ps, i, c) -> ps.setShort(i, level));
        }
        if (campaign.hospitalCodes != null && campaign.hospitalCodes.length > 0) {
            String[] codes = campaign.hospitalCodes;
            add("h.code = ANY(?)", (ps, i, c) -> ps.setArray(i, c.createArrayOf("text", codes)));
        }
        if (campaign.groupPrefixes != null && campaign.groupPrefixes.length > 0) {
            String[] prefixes = campaign.groupPrefixes;
            add("EXISTS (SELECT 1 FROM unnest(?::text[]) p WHERE c.drg_code LIKE p || '%')",
                    (ps, i, c) -> ps.setArray(i, c.createArrayOf("text", prefixes)));
        }
    }

    CampaignScope and(String condition, Binder binder) {
        add(condition, binder);
        return this;
    }

    private void add(String condition, Binder binder) {
        where.append(where.length() == 0 ? " WHERE " : " AND ").append(condition);
        binds.add(binder);
    }

    String where() {
        return where.toString();
    }

    /** Binds the scope's values from parameter index {@code first} on; returns the next free index. */
    int bind(PreparedStatement ps, Connection c, int first) throws SQLException {
        int i = first;
        for (Binder b : binds) {
            b.bind(ps, i++, c);
        }
        return i;
    }
}
