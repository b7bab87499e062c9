package io.jnetlink.nftables.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The userdata blob nft attaches to tables, chains, rules, sets, elements and objects (NFTA_*_USERDATA): a
 * list of type-length-value entries with one-byte type and length, as libnftnl's udata.h writes them.
 * Entries are kept in order and re-encode byte-identically; the types are per object kind
 * (NFTNL_UDATA_TABLE_COMMENT = 0, NFTNL_UDATA_SET_KEYBYTEORDER = 0, NFTNL_UDATA_SET_COMMENT = 7, ...).
 */
public record Userdata(List<Entry> entries, byte[] unparsed) {

    /** One TLV; {@code value} excludes the two header bytes. Comments are NUL-terminated strings. */
    public record Entry(int type, byte[] value) {
        public Entry {
            if (type < 0 || type > 255) {
                throw new IllegalArgumentException("userdata type: " + type + " is not 0..255");
            }
            if (value.length > 255) {
                throw new IllegalArgumentException("userdata value: " + value.length + " bytes exceeds 255");
            }
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && e.type == type && Arrays.equals(e.value, value);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Entry[" + type + "=" + HexFormatHolder.HEX.formatHex(value) + "]";
        }
    }

    private static final class HexFormatHolder {
        static final java.util.HexFormat HEX = java.util.HexFormat.of();
    }

    public static final Userdata EMPTY = new Userdata(List.of());

    /**
     * @param unparsed trailing bytes that do not form a whole entry (a blob some other tool wrote); kept so
     *                 that re-encoding is byte-identical, never interpreted
     */
    public Userdata {
        entries = List.copyOf(entries);
        unparsed = unparsed.clone();
    }

    public Userdata(List<Entry> entries) {
        this(entries, new byte[0]);
    }

    @Override
    public byte[] unparsed() {
        return unparsed.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Userdata u && u.entries.equals(entries) && Arrays.equals(u.unparsed, unparsed);
    }

    @Override
    public int hashCode() {
        return entries.hashCode() * 31 + Arrays.hashCode(unparsed);
    }

    @Override
    public String toString() {
        return "Userdata" + entries + (unparsed.length == 0 ? "" : "+" + unparsed.length + " unparsed bytes");
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public Optional<byte[]> get(int type) {
        for (Entry e : entries) {
            if (e.type() == type) {
                return Optional.of(e.value());
            }
        }
        return Optional.empty();
    }

    /** A NUL-terminated string entry, as nft stores comments. */
    public Optional<String> string(int type) {
        return get(type).map(v -> {
            int n = v.length;
            while (n > 0 && v[n - 1] == 0) {
                n--;
            }
            return new String(v, 0, n, StandardCharsets.UTF_8);
        });
    }

    /** This userdata with {@code type} set to {@code value} (replacing an existing entry in place). */
    public Userdata with(int type, byte[] value) {
        List<Entry> out = new ArrayList<>(entries.size() + 1);
        boolean replaced = false;
        for (Entry e : entries) {
            if (e.type() == type) {
                if (!replaced) {
                    out.add(new Entry(type, value));
                    replaced = true;
                }
            } else {
                out.add(e);
            }
        }
        if (!replaced) {
            out.add(new Entry(type, value));
        }
        return new Userdata(out, unparsed);
    }

    /** This userdata with a NUL-terminated string entry, the way nft stores a comment. */
    public Userdata withString(int type, String text) {
        byte[] s = text.getBytes(StandardCharsets.UTF_8);
        return with(type, Arrays.copyOf(s, s.length + 1));
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Entry e : entries) {
            out.write(e.type());
            out.write(e.value.length);
            out.writeBytes(e.value);
        }
        out.writeBytes(unparsed);
        return out.toByteArray();
    }

    /** Never fails: bytes that do not form whole entries are kept as {@link #unparsed()}. */
    public static Userdata decode(byte[] blob) {
        List<Entry> out = new ArrayList<>();
        int i = 0;
        while (i < blob.length) {
            if (i + 2 > blob.length || i + 2 + (blob[i + 1] & 0xff) > blob.length) {
                return new Userdata(out, Arrays.copyOfRange(blob, i, blob.length));
            }
            int len = blob[i + 1] & 0xff;
            out.add(new Entry(blob[i] & 0xff, Arrays.copyOfRange(blob, i + 2, i + 2 + len)));
            i += 2 + len;
        }
        return new Userdata(out, new byte[0]);
    }
}
