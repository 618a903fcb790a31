package org.drgaudit.rules.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/** How explanations write dates, money, shares and code lists in Chinese. */
public final class Wording {

    private Wording() {
    }

    public static String date(LocalDateTime t) {
        return date(t.toLocalDate());
    }

    public static String date(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    public static String time(LocalDateTime t) {
        return date(t) + String.format(" %02d:%02d", t.getHour(), t.getMinute());
    }

    public static String money(BigDecimal amount) {
        return new DecimalFormat("#,##0.00").format(amount.setScale(2, RoundingMode.HALF_UP)) + "元";
    }

    public static String percent(BigDecimal share) {
        return share.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    public static String hours(BigDecimal hours) {
        return hours.stripTrailingZeros().toPlainString() + "小时";
    }

    /** "上转至", "下转至", "同级转至": a transfer inside an alliance by the direction of the hospitals' levels. */
    public static String referral(String direction) {
        return ("UP".equals(direction) ? "上转" : "DOWN".equals(direction) ? "下转" : "同级转") + "至";
    }

    /** "RICU 2024年3月2日 08:00 至 2024年3月4日 08:00（48小时，住院期内 48小时）". */
    public static String icuRecord(IcuRecord r) {
        return r.wardType() + " " + time(r.inTime()) + " 至 " + time(r.outTime()) + "（" + hours(r.hours())
                + "，住院期内 " + hours(r.hoursInStay()) + "）";
    }

    public static String codes(List<String> codes) {
        return String.join("、", codes);
    }
}
