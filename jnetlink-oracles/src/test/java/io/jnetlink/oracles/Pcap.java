package io.jnetlink.oracles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the classic pcap files tcpdump -w writes (not pcapng): a 24-byte global header, then per frame a 16-byte
 * record header and the captured bytes. Only Ethernet captures (link type 1) are accepted.
 */
public final class Pcap {

    private static final int MAGIC_MICROS = 0xa1b2c3d4;
    private static final int MAGIC_NANOS = 0xa1b23c4d;
    private static final int LINKTYPE_ETHERNET = 1;

    private Pcap() {
    }

    /** The frames of a capture, each as captured; fails when a frame was cut by the snapshot length. */
    public static List<byte[]> frames(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        if (all.length < 24) {
            throw new AssertionError("pcap file " + file + " has " + all.length + " bytes, less than its header");
        }
        int magic = b.getInt(0);
        if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
            b.order(ByteOrder.BIG_ENDIAN);
            magic = b.getInt(0);
            if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
                throw new AssertionError("not a pcap file: " + file);
            }
        }
        int linkType = b.getInt(20);
        if (linkType != LINKTYPE_ETHERNET) {
            throw new AssertionError("capture link type " + linkType + ", expected Ethernet (1)");
        }
        List<byte[]> out = new ArrayList<>();
        int at = 24;
        while (at + 16 <= all.length) {
            int captured = b.getInt(at + 8);
            int original = b.getInt(at + 12);
            if (captured != original) {
                throw new AssertionError("frame cut by the snapshot length: " + captured + " of " + original + " bytes");
            }
            byte[] frame = new byte[captured];
            System.arraycopy(all, at + 16, frame, 0, captured);
            out.add(frame);
            at += 16 + captured;
        }
        return out;
    }
}
