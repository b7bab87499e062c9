package io.jnetlink.genl.ethtool;

import io.jnetlink.core.Message;
import io.jnetlink.core.NetlinkProtocol;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.Request;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.core.genl.GenericNetlink;
import io.jnetlink.core.genl.GenlFamily;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * ethtool over generic netlink, in the socket's namespace: read and change the netdev features of a device, each
 * operation equivalent to one {@code ethtool} command. The {@code ethtool} family is resolved once, when this is
 * created; the kernel's feature names (the ETH_SS_FEATURES string set) are fetched once, on first use.
 * <pre>{@code
 * Ethtool ethtool = Ethtool.over(socket);                       // a NETLINK_GENERIC socket
 * ethtool.setFeatures("veth0", Map.of("tx", false, "gro", false));
 * boolean tso = ethtool.features("veth0").isActive("tso");
 * }</pre>
 * Thread-safe as far as the socket is; the cached names are immutable.
 */
public final class Ethtool {

    private final NetlinkSocket socket;
    private final int familyId;
    private volatile FeatureNames featureNames;

    private Ethtool(NetlinkSocket socket, int familyId) {
        this.socket = socket;
        this.familyId = familyId;
    }

    /**
     * ethtool over a NETLINK_GENERIC socket the caller owns, resolving the {@code ethtool} family.
     *
     * @throws IllegalArgumentException      when the socket is not NETLINK_GENERIC
     * @throws UnsupportedOperationException when the kernel has no {@code ethtool} family (before Linux 5.6, or
     *                                       built without CONFIG_ETHTOOL_NETLINK)
     */
    public static Ethtool over(NetlinkSocket socket) {
        Objects.requireNonNull(socket, "socket");
        if (socket.protocol() != NetlinkProtocol.GENERIC) {
            throw new IllegalArgumentException("socket must be NETLINK_GENERIC, is " + socket.protocol());
        }
        GenlFamily family = GenericNetlink.resolve(socket, EthtoolCodec.FAMILY_NAME).orElseThrow(() ->
                new UnsupportedOperationException("the kernel has no generic netlink family '"
                        + EthtoolCodec.FAMILY_NAME + "' (Linux 5.6 or later with CONFIG_ETHTOOL_NETLINK)"));
        return new Ethtool(socket, family.id());
    }

    /** The id of the {@code ethtool} family, for building requests with {@link EthtoolCodec}. */
    public int familyId() {
        return familyId;
    }

    /**
     * The kernel's feature names, fetched once (ETHTOOL_MSG_STRSET_GET of ETH_SS_FEATURES). Equivalent to the
     * names {@code ethtool -k DEV} lists.
     */
    public FeatureNames featureNames() {
        FeatureNames names = featureNames;
        if (names == null) {
            names = EthtoolCodec.decodeFeatureNames(only(EthtoolCodec.getFeatureNames(familyId)));
            featureNames = names;
        }
        return names;
    }

    /**
     * The features of a device: for each, whether it is available to change, wanted, active and fixed.
     * Equivalent to: {@code ethtool -k DEV}.
     *
     * @throws KernelException with ENODEV when there is no such device
     */
    public Features features(String dev) {
        FeatureNames names = featureNames();
        return EthtoolCodec.decodeFeatures(only(EthtoolCodec.getFeatures(familyId, dev)), names);
    }

    /**
     * Turns features on ({@code true}) or off ({@code false}), by kernel name ({@code rx-gro},
     * {@code tx-checksum-ip-generic}, ...) or {@link FeatureAlias} ({@code tx}, {@code tso}, {@code gro}, ...).
     * Every name is checked against the kernel's string set before anything is sent. Equivalent to:
     * {@code ethtool -K DEV tx off tso off gro off}.
     *
     * <p>The kernel applies what it can: a [fixed] feature stays as it is, and a change may drag dependent
     * features along. The result says both, as the kernel reports them.
     *
     * @param wanted feature or alias name to state, sent in the map's iteration order
     * @return what changed, and which requested states were not reached
     * @throws IllegalArgumentException naming the feature when a name is unknown or two names contradict, before
     *                                  sending (see {@link EthtoolCodec#setFeatures})
     * @throws KernelException          when the kernel refuses (ENODEV for no such device, EINVAL for a feature
     *                                  no device may change)
     */
    public FeatureChanges setFeatures(String dev, Map<String, Boolean> wanted) {
        FeatureNames names = featureNames();
        Request request = EthtoolCodec.setFeatures(familyId, dev, wanted, names);
        for (Message m : socket.request(request)) {
            if (m.type() == familyId) {
                return EthtoolCodec.decodeFeatureChanges(m, names);
            }
        }
        // Only a request with ETHTOOL_FLAG_OMIT_REPLY goes without a reply; this one never sets it.
        throw new DecodeException(request.operation() + ": the kernel sent no ETHTOOL_MSG_FEATURES_SET_REPLY");
    }

    /** Sends a GET and returns its one reply of the ethtool family. */
    private Message only(Request request) {
        List<Message> replies = socket.request(request);
        for (Message m : replies) {
            if (m.type() == familyId) {
                return m;
            }
        }
        throw new DecodeException(request.operation() + ": the kernel acknowledged without a reply");
    }

    @Override
    public String toString() {
        return "Ethtool[family " + familyId + ", " + socket + "]";
    }
}
