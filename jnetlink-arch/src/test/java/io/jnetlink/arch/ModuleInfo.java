package io.jnetlink.arch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.net.URI;
import java.net.URL;

/** Reads the module-info.class that sits beside a class on the class path. */
final class ModuleInfo {

    private ModuleInfo() {
    }

    static ModuleDescriptor read(String classResource) {
        URL url = ModuleInfo.class.getClassLoader().getResource(classResource);
        if (url == null) {
            throw new IllegalStateException("not on the class path: " + classResource);
        }
        String s = url.toString();
        String moduleInfo = s.substring(0, s.length() - classResource.length()) + "module-info.class";
        try (InputStream in = URI.create(moduleInfo).toURL().openStream()) {
            return ModuleDescriptor.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + moduleInfo, e);
        }
    }
}
