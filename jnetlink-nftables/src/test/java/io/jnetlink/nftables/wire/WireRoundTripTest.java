package io.jnetlink.nftables.wire;

import io.jnetlink.core.Message;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.nftables.expr.Counter;
import io.jnetlink.nftables.expr.Data;
import io.jnetlink.nftables.expr.Expr;
import io.jnetlink.nftables.expr.RawExpr;
import io.jnetlink.nftables.model.Chain;
import io.jnetlink.nftables.model.DataSpec;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.Flowtable;
import io.jnetlink.nftables.model.Hook;
import io.jnetlink.nftables.model.NftSet;
import io.jnetlink.nftables.model.Rule;
import io.jnetlink.nftables.model.SetElement;
import io.jnetlink.nftables.model.SetElements;
import io.jnetlink.nftables.model.StatefulObject;
import io.jnetlink.nftables.model.Table;
import io.jnetlink.nftables.model.Userdata;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** decode(encode(x)) == x for every object codec, handles included as the kernel would add them; no crash on junk. */
class WireRoundTripTest {

    /** Frames attributes as a kernel message: nfgenmsg then {@code attrs}, then parses it back. */
    static Message message(int msg, Family family, Consumer<MessageWriter> attrs) {
        MessageWriter w = new MessageWriter();
        w.beginMessage(NftMsg.type(msg), 0, 1, 0);
        NfGenMsg.write(w, family.code(), 0);
        attrs.accept(w);
        w.endMessage();
        return Message.parseAll(ByteBuffer.wrap(w.toByteArray()).order(ByteOrder.LITTLE_ENDIAN)).getFirst();
    }

    @Test
    void table() {
        Table t = new Table(Family.INET, "filter", Table.F_DORMANT, Userdata.EMPTY.withString(Table.UDATA_COMMENT, "hi"),
                OptionalLong.of(7));
        Table back = TableCodec.decode(message(NftMsg.NEWTABLE, Family.INET, w -> {
            TableCodec.encode(w, t);
            w.u64be(TableCodec.NFTA_TABLE_HANDLE, 7);
            w.u32be(TableCodec.NFTA_TABLE_USE, 3);
        }));
        assertEquals(t, back);
        assertEquals("hi", back.comment().orElseThrow());
    }

    @Test
    void baseChainWithDevicesAndRegularChain() {
        Chain base = new Chain(Family.NETDEV, "t", "in", Optional.of(new Chain.Base("filter", Hook.INGRESS, -100,
                Optional.of(Chain.Policy.DROP), List.of("eth0", "eth1"))), ChainCodec.NFT_CHAIN_BASE,
                Userdata.EMPTY.withString(Chain.UDATA_COMMENT, "c"), OptionalLong.of(2));
        Chain back = ChainCodec.decode(message(NftMsg.NEWCHAIN, Family.NETDEV, w -> {
            ChainCodec.encode(w, base);
            w.u64be(ChainCodec.NFTA_CHAIN_HANDLE, 2);
            w.u32be(ChainCodec.NFTA_CHAIN_FLAGS, ChainCodec.NFT_CHAIN_BASE);
        }));
        assertEquals(base, back);
        Chain single = Chain.base(Family.NETDEV, "t", "one", new Chain.Base("filter", Hook.INGRESS, 0,
                Optional.of(Chain.Policy.ACCEPT), List.of("eth0")));
        assertEquals(single, ChainCodec.decode(message(NftMsg.NEWCHAIN, Family.NETDEV, w -> ChainCodec.encode(w, single))));
        Chain regular = Chain.regular(Family.IP, "t", "r");
        assertEquals(regular, ChainCodec.decode(message(NftMsg.NEWCHAIN, Family.IP, w -> ChainCodec.encode(w, regular))));
    }

    @Test
    void ruleWithUnknownExpressionAndComment() {
        List<Expr> exprs = List.of(new Counter(5, 600), new RawExpr("xt", new byte[]{1, 2, 3, 4}));
        Rule r = new Rule(Family.IP6, "t", "c", exprs, Userdata.EMPTY.withString(Rule.UDATA_COMMENT, "x"),
                OptionalLong.of(9));
        Rule back = RuleCodec.decode(message(NftMsg.NEWRULE, Family.IP6, w -> {
            RuleCodec.encode(w, r, OptionalLong.of(9), OptionalLong.empty());
        }));
        assertEquals(r, back);
    }

    @Test
    void setAndMapWithEverything() {
        NftSet s = new NftSet(Family.INET, "t", "s", NftSet.F_INTERVAL | NftSet.F_CONCAT | NftSet.F_TIMEOUT | NftSet.F_MAP,
                new DataSpec(7 << 6 | 13, 8), Optional.of(new DataSpec(DataSpec.VERDICT, 0)), OptionalInt.empty(),
                OptionalLong.of(60_000), OptionalInt.of(5_000), OptionalInt.of(1), OptionalInt.of(128), List.of(4, 2),
                Userdata.EMPTY.with(NftSet.UDATA_KEYBYTEORDER, new byte[]{0, 0, 0, 1}), List.of(new Counter(0, 0)),
                OptionalInt.of(3), OptionalLong.of(11));
        NftSet back = SetCodec.decode(message(NftMsg.NEWSET, Family.INET, w -> {
            SetCodec.encode(w, s);
            w.u64be(SetCodec.NFTA_SET_HANDLE, 11);
        }));
        assertEquals(s, back);
    }

    @Test
    void elementsOfEveryShape() {
        SetElement plain = SetElement.of(new Data.Value(new byte[]{10, 0, 0, 1}));
        SetElement full = new SetElement(new Data.Value(new byte[]{10, 0, 0, 2}),
                Optional.of(new Data.Value(new byte[]{10, 0, 0, 9})), Optional.of(Data.Verdict.jump("other")),
                Optional.empty(), 0, OptionalLong.of(1000), OptionalLong.of(900),
                Userdata.EMPTY.withString(SetElement.UDATA_COMMENT, "e"), List.of(new Counter(1, 2)));
        SetElement end = new SetElement(new Data.Value(new byte[]{10, 0, 0, 3}), Optional.empty(), Optional.empty(),
                Optional.of("cnt"), SetElement.F_INTERVAL_END, OptionalLong.empty(), OptionalLong.empty(),
                Userdata.EMPTY, List.of(new Counter(0, 0), new Counter(3, 4)));
        SetElements e = new SetElements(Family.IP, "t", "s", OptionalInt.of(4), List.of(plain, full, end));
        assertEquals(e, ElementCodec.decode(message(NftMsg.NEWSETELEM, Family.IP, w -> ElementCodec.encode(w, e))));
    }

    @Test
    void bigElementListsAreCutUnder64KiB() {
        List<SetElement> many = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            many.add(SetElement.of(new Data.Value(new byte[]{10, (byte) (i >> 16), (byte) (i >> 8), (byte) i})));
        }
        List<SetElements> parts = ElementCodec.split(SetElements.of(Family.IP, "t", "s", many));
        assertTrue(parts.size() > 1);
        assertEquals(many, parts.stream().flatMap(p -> p.elements().stream()).toList());
        for (SetElements p : parts) {
            MessageWriter w = new MessageWriter();
            ElementCodec.encode(w, p); // would throw past 65535 bytes
            assertTrue(w.size() < 64 * 1024);
        }
    }

    @Test
    void objectAndFlowtable() {
        StatefulObject o = new StatefulObject(Family.IP, "t", "c1", StatefulObject.COUNTER, new Counter(1, 2),
                Userdata.EMPTY.withString(StatefulObject.UDATA_COMMENT, "a"), OptionalLong.of(3));
        assertEquals(o, ObjectCodec.decode(message(NftMsg.NEWOBJ, Family.IP, w -> {
            ObjectCodec.encode(w, o);
            w.u64be(ObjectCodec.NFTA_OBJ_HANDLE, 3);
        })));
        Flowtable f = new Flowtable(Family.INET, "t", "ft", Hook.INGRESS, -10, List.of("eth0", "eth1"), 1,
                OptionalLong.of(4));
        assertEquals(f, FlowtableCodec.decode(message(NftMsg.NEWFLOWTABLE, Family.INET, w -> {
            FlowtableCodec.encode(w, f);
            w.u64be(FlowtableCodec.NFTA_FLOWTABLE_HANDLE, 4);
        })));
    }

    @Test
    void generation() {
        Message m = message(NftMsg.NEWGEN, Family.INET, w -> w.u32be(GenCodec.NFTA_GEN_ID, 0xfffffffe));
        assertEquals(0xfffffffeL, GenCodec.generation(m).orElseThrow());
    }

    /** Random bytes after a valid header either decode or throw a DecodeException/IllegalArgumentException, nothing else. */
    @Test
    void decodersSurviveJunk() {
        Random rnd = new Random(42);
        List<Function<Message, ?>> decoders = List.of(TableCodec::decode, ChainCodec::decode, RuleCodec::decode,
                SetCodec::decode, ElementCodec::decode, ObjectCodec::decode, FlowtableCodec::decode);
        for (int i = 0; i < 3000; i++) {
            byte[] junk = new byte[rnd.nextInt(96)];
            rnd.nextBytes(junk);
            for (int j = 0; j + 4 <= junk.length; j += 4 + rnd.nextInt(12)) {
                // plausible attribute headers now and then, so that decoding gets past the framing
                int len = 4 + rnd.nextInt(Math.max(1, junk.length - j - 3));
                junk[j] = (byte) len;
                junk[j + 1] = 0;
                junk[j + 2] = (byte) (1 + rnd.nextInt(12));
                junk[j + 3] = (byte) (rnd.nextBoolean() ? 0x80 : 0);
            }
            Message m = message(NftMsg.NEWRULE, Family.IP, w -> w.putBytes(junk));
            for (Function<Message, ?> d : decoders) {
                try {
                    d.apply(m);
                } catch (DecodeException | IllegalArgumentException expected) {
                    // refused with a reason
                }
            }
        }
    }
}
