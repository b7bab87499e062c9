package io.jnetlink.nftables.wire;

/**
 * nftables message types (enum nf_tables_msg_types, linux/netfilter/nf_tables.h). On the wire the type is
 * {@code NFNL_SUBSYS_NFTABLES << 8 | msg}: use {@link #type(int)}.
 */
public final class NftMsg {

    private NftMsg() {
    }

    public static final int NEWTABLE = 0;
    public static final int GETTABLE = 1;
    public static final int DELTABLE = 2;
    public static final int NEWCHAIN = 3;
    public static final int GETCHAIN = 4;
    public static final int DELCHAIN = 5;
    public static final int NEWRULE = 6;
    public static final int GETRULE = 7;
    public static final int DELRULE = 8;
    public static final int NEWSET = 9;
    public static final int GETSET = 10;
    public static final int DELSET = 11;
    public static final int NEWSETELEM = 12;
    public static final int GETSETELEM = 13;
    public static final int DELSETELEM = 14;
    public static final int NEWGEN = 15;
    public static final int GETGEN = 16;
    public static final int TRACE = 17;
    public static final int NEWOBJ = 18;
    public static final int GETOBJ = 19;
    public static final int DELOBJ = 20;
    public static final int GETOBJ_RESET = 21;
    public static final int NEWFLOWTABLE = 22;
    public static final int GETFLOWTABLE = 23;
    public static final int DELFLOWTABLE = 24;

    /** The nlmsg_type of an nftables message. */
    public static int type(int msg) {
        return NfGenMsg.NFNL_SUBSYS_NFTABLES << 8 | msg;
    }

    /** The NFT_MSG_* of an nlmsg_type, or -1 when the message is not an nftables one. */
    public static int msg(int nlmsgType) {
        return (nlmsgType >>> 8) == NfGenMsg.NFNL_SUBSYS_NFTABLES ? nlmsgType & 0xff : -1;
    }

    /** NFT_MSG_NEWTABLE -> "NEWTABLE", for errors and logs. */
    public static String name(int msg) {
        return switch (msg) {
            case NEWTABLE -> "NEWTABLE";
            case GETTABLE -> "GETTABLE";
            case DELTABLE -> "DELTABLE";
            case NEWCHAIN -> "NEWCHAIN";
            case GETCHAIN -> "GETCHAIN";
            case DELCHAIN -> "DELCHAIN";
            case NEWRULE -> "NEWRULE";
            case GETRULE -> "GETRULE";
            case DELRULE -> "DELRULE";
            case NEWSET -> "NEWSET";
            case GETSET -> "GETSET";
            case DELSET -> "DELSET";
            case NEWSETELEM -> "NEWSETELEM";
            case GETSETELEM -> "GETSETELEM";
            case DELSETELEM -> "DELSETELEM";
            case NEWGEN -> "NEWGEN";
            case GETGEN -> "GETGEN";
            case TRACE -> "TRACE";
            case NEWOBJ -> "NEWOBJ";
            case GETOBJ -> "GETOBJ";
            case DELOBJ -> "DELOBJ";
            case GETOBJ_RESET -> "GETOBJ_RESET";
            case NEWFLOWTABLE -> "NEWFLOWTABLE";
            case GETFLOWTABLE -> "GETFLOWTABLE";
            case DELFLOWTABLE -> "DELFLOWTABLE";
            default -> "NFT_MSG_" + msg;
        };
    }
}
