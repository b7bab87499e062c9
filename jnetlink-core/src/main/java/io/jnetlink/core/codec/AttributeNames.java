package io.jnetlink.core.codec;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/**
 * Names the attribute types of one attribute space (IFLA_*, IFA_*, ...) so that decode errors say
 * {@code IFLA_MTU} rather than {@code attribute 4}.
 */
@FunctionalInterface
public interface AttributeNames {

    /** The name of an attribute type (flag bits already removed). */
    String name(int type);

    /** Names every attribute {@code attr <n>}. */
    AttributeNames NUMBERED = type -> "attribute " + type;

    /**
     * Names taken from the {@code static final int} fields of the lookup's class whose names start with
     * {@code prefix} (e.g. all {@code IFLA_} constants of a constants class). The lookup gives access to
     * private fields of the caller's own class without opening its package.
     */
    static AttributeNames fromConstants(MethodHandles.Lookup lookup, String prefix) {
        Map<Integer, String> names = new HashMap<>();
        for (Field f : lookup.lookupClass().getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == int.class
                    && f.getName().startsWith(prefix)) {
                try {
                    int value = (int) lookup.unreflectGetter(f).invoke();
                    names.putIfAbsent(value, f.getName());
                } catch (Throwable t) {
                    throw new IllegalStateException("cannot read constant " + f, t);
                }
            }
        }
        Map<Integer, String> frozen = Map.copyOf(names);
        return type -> frozen.getOrDefault(type, prefix + type);
    }
}
