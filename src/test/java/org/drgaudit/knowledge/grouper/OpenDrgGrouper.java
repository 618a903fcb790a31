package org.drgaudit.knowledge.grouper;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * OpenDRG's CHS-DRG 1.1 grouper (public repository {@code OpenDRG/DRG_Java}, Apache-2.0), loaded from a
 * jar built outside this repository and called by reflection, so nothing of it is compiled into or
 * shipped with the project. Its input is its {@code MedicalRecord}; its answer the DRG and the status
 * ("分组成功", "无法入组", or "信息校验不通过" when it refuses the input).
 */
final class OpenDrgGrouper implements AutoCloseable {

    /** Where the jar is looked for unless {@code -Dopendrg.jar} says otherwise: beside the project. */
    static final Path DEFAULT_JAR = Path.of("../opendrg/drg_group/chs_drg_11/build/jar/grouper_chs_drg_11.jar");
    static final String REFUSED = "信息校验不通过";

    private final URLClassLoader loader;
    private final Object proxy;
    private final Method groupRecord;
    private final Constructor<?> record;

    /** The grouper's answer: DRG (0000 when refused or not grouped), status, and its messages. */
    record Answer(String drg, String status, List<String> messages) {

        boolean refused() {
            return REFUSED.equals(status);
        }
    }

    private OpenDrgGrouper(Path jar) throws Exception {
        loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Class<?> proxyClass = loader.loadClass("drg_group.chs_drg_11.GroupProxy");
        Class<?> recordClass = loader.loadClass("drg_group.chs_drg_11.MedicalRecord");
        proxy = proxyClass.getConstructor().newInstance();
        groupRecord = proxyClass.getMethod("group_record", recordClass);
        record = recordClass.getConstructor(String.class, String.class, int.class, int.class, int.class, String.class, int.class,
                String.class, String[].class, String[].class, String.class);
    }

    static Path jar() {
        String configured = System.getProperty("opendrg.jar");
        return configured == null || configured.isBlank() ? DEFAULT_JAR : Path.of(configured);
    }

    /** The grouper, or null when no jar has been built (see docs/grouper.md for how to build it). */
    static OpenDrgGrouper loadIfBuilt() throws Exception {
        Path jar = jar();
        return Files.isRegularFile(jar) ? new OpenDrgGrouper(jar) : null;
    }

    /**
     * Groups a case as OpenDRG's callers do: sex "1"/"2" (empty when unknown), age and age in days as
     * whole numbers (0 when unknown, which is how its CSV reader fills an empty field), birth weight.
     * The same index is reused so OpenDRG's static message store keeps one entry.
     */
    Answer group(GroupingCase c) throws Exception {
        String[] zd = c.diagnosisList().toArray(String[]::new);
        String[] ss = c.procedures().toArray(String[]::new);
        String gender = "M".equals(c.sex()) ? "1" : "F".equals(c.sex()) ? "2" : "";
        int age = c.ageYears() != null ? c.ageYears() : c.ageDays() != null ? c.ageDays() / 365 : 0;
        int ageDay = c.ageDays() != null ? c.ageDays() : c.ageYears() != null ? c.ageYears() * 365 : 0;
        int weight = c.birthWeightGrams() == null ? 0 : c.birthWeightGrams();
        Object medicalRecord = record.newInstance("1", gender, age, ageDay, weight, "", 0, "1", zd, ss, "");
        Object result = groupRecord.invoke(proxy, medicalRecord);
        Class<?> rc = result.getClass();
        @SuppressWarnings("unchecked")
        List<String> messages = (List<String>) rc.getField("messages").get(result);
        return new Answer((String) rc.getField("drg").get(result), (String) rc.getField("status").get(result), List.copyOf(messages));
    }

    @Override
    public void close() throws Exception {
        loader.close();
    }
}
