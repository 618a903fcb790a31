package org.drgaudit.cases;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The fourteen charge categories of the settlement list (med_chrgitm 01–14). */
public enum CostCategory {
    BED("bed", "床位费"),
    CONSULTATION("consultation", "诊察费"),
    EXAMINATION("examination", "检查费"),
    LAB("lab", "化验费"),
    TREATMENT("treatment", "治疗费"),
    SURGERY("surgery", "手术费"),
    NURSING("nursing", "护理费"),
    MATERIAL("material", "卫生材料费"),
    WESTERN_DRUG("westernDrug", "西药费"),
    HERBAL_DRUG("herbalDrug", "中药饮片费"),
    PATENT_DRUG("patentDrug", "中成药费"),
    GENERAL_SERVICE("generalService", "一般诊疗费"),
    REGISTRATION("registration", "挂号费"),
    OTHER("other", "其他费");

    private static final Map<String, CostCategory> BY_KEY =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(CostCategory::key, Function.identity()));

    private final String key;
    private final String label;

    CostCategory(String key, String label) {
        this.key = key;
        this.label = label;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public static CostCategory byKey(String key) {
        return BY_KEY.get(key);
    }

    public static String keys() {
        return Arrays.stream(values()).map(CostCategory::key).collect(Collectors.joining(", "));
    }
}
