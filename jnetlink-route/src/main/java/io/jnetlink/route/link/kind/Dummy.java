package io.jnetlink.route.link.kind;

import io.jnetlink.core.codec.MessageWriter;

/**
 * A dummy link ({@code ip link add NAME type dummy}): no settings, no IFLA_INFO_DATA. Needs a kernel with
 * CONFIG_DUMMY.
 */
public record Dummy() implements LinkKind {

    /** IFLA_INFO_KIND of a dummy link (drivers/net/dummy.c). */
    public static final String KIND = "dummy";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void writeData(MessageWriter w) {
        // a dummy link has no settings
    }
}
