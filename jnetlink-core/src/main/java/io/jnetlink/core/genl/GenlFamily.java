package io.jnetlink.core.genl;

import java.util.Map;
import java.util.Optional;

/**
 * A generic netlink family as the kernel's controller describes it.
 *
 * @param id              the family id to use as nlmsg_type
 * @param name            the family name, e.g. {@code ethtool}
 * @param version         the family's version
 * @param headerSize      size of the family's own header after the genlmsghdr
 * @param maxAttribute    highest attribute type the family accepts
 * @param multicastGroups group name to group id
 */
public record GenlFamily(int id, String name, int version, int headerSize, int maxAttribute,
                         Map<String, Integer> multicastGroups) {

    public GenlFamily {
        multicastGroups = Map.copyOf(multicastGroups);
    }

    /** The id of a multicast group by name. */
    public Optional<Integer> multicastGroup(String groupName) {
        return Optional.ofNullable(multicastGroups.get(groupName));
    }
}
