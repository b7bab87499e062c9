package io.jnetlink.cli.startup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.Instruction;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher's picocli upgrade: same entries, same code, class files the AOT cache can hold. */
class ClassFileUpgradeTest {

    @Test
    void upgradesPicocliToVerifiedJava8ClassFiles(@TempDir Path dir) throws Exception {
        Path picocli = picocliJar();
        Path out = dir.resolve("picocli.jar");

        int upgraded = ClassFileUpgrade.upgrade(picocli, out);

        Map<String, byte[]> before = entries(picocli);
        Map<String, byte[]> after = entries(out);
        assertEquals(before.keySet().stream().toList(), after.keySet().stream().toList(), "the same entries, in order");
        int old = 0;
        for (String name : before.keySet()) {
            if (!name.endsWith(".class")) {
                assertArrayEquals(before.get(name), after.get(name), name + " is copied as it is");
                continue;
            }
            var was = ClassFile.of().parse(before.get(name));
            var now = ClassFile.of().parse(after.get(name));
            if (was.majorVersion() < ClassFileUpgrade.OLD_BELOW) {
                old++;
                assertEquals(ClassFileUpgrade.TARGET_MAJOR, now.majorVersion(), name);
                assertEquals(was.methods().size(), now.methods().size(), name);
                for (int i = 0; i < was.methods().size(); i++) {
                    var m0 = was.methods().get(i);
                    var m1 = now.methods().get(i);
                    assertEquals(m0.methodName().stringValue() + m0.methodType().stringValue(),
                            m1.methodName().stringValue() + m1.methodType().stringValue(), name);
                    assertEquals(m0.code().map(c -> c.elementList().stream()
                                    .filter(e -> e instanceof Instruction).map(Object::toString).toList()),
                            m1.code().map(c -> c.elementList().stream()
                                    .filter(e -> e instanceof Instruction).map(Object::toString).toList()),
                            name + "." + m0.methodName() + ": the same instructions");
                }
            } else {
                assertArrayEquals(before.get(name), after.get(name), name + " was recent enough already");
            }
        }
        assertEquals(old, upgraded);
        assertTrue(upgraded > 100, "picocli has Java 5 class files: " + upgraded);
    }

    @Test
    void aCurrentJarIsCopiedUnchanged(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.jar");
        try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(in))) {
            z.putNextEntry(new ZipEntry("io/jnetlink/cli/startup/ClassFileUpgrade.class"));
            try (var c = ClassFileUpgrade.class.getResourceAsStream("ClassFileUpgrade.class")) {
                z.write(c.readAllBytes());
            }
            z.closeEntry();
        }
        Path out = dir.resolve("out.jar");
        assertEquals(0, ClassFileUpgrade.upgrade(in, out));
        assertArrayEquals(entries(in).values().iterator().next(), entries(out).values().iterator().next());
    }

    private static Path picocliJar() throws URISyntaxException {
        return Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static Map<String, byte[]> entries(Path jar) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                m.put(e.getName(), z.readAllBytes());
            }
        }
        return m;
    }
}
