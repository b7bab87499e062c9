package io.jnetlink.route.neigh;

import java.time.Duration;
import java.util.Objects;

/**
 * The ages the kernel reports for a neighbour or FDB entry in NDA_CACHEINFO ({@code struct nda_cacheinfo}
 * of linux/neighbour.h), what {@code ip -s neigh} and {@code bridge -s fdb} print as used/confirmed/updated.
 * Kernel state only: never sent in a request.
 *
 * @param sinceConfirmed time since the neighbour was last confirmed reachable
 * @param sinceUsed      time since the entry was last used
 * @param sinceUpdated   time since the entry last changed
 * @param refcount       references the kernel holds, less the one of the dump itself
 */
public record CacheInfo(Duration sinceConfirmed, Duration sinceUsed, Duration sinceUpdated, long refcount) {

    /** USER_HZ: the kernel reports these ages in clock ticks of 1/100 s (jiffies_to_clock_t). */
    static final int USER_HZ = 100;

    /** sizeof(struct nda_cacheinfo): four u32. */
    static final int SIZE = 16;

    public CacheInfo {
        Objects.requireNonNull(sinceConfirmed, "sinceConfirmed");
        Objects.requireNonNull(sinceUsed, "sinceUsed");
        Objects.requireNonNull(sinceUpdated, "sinceUpdated");
    }

    /**
     * From the four u32 fields of {@code struct nda_cacheinfo} as the kernel sends them: ndm_confirmed,
     * ndm_used, ndm_updated (clock ticks) and ndm_refcnt.
     */
    public static CacheInfo fromTicks(int confirmed, int used, int updated, int refcount) {
        return new CacheInfo(ticks(confirmed), ticks(used), ticks(updated), Integer.toUnsignedLong(refcount));
    }

    private static Duration ticks(int t) {
        return Duration.ofMillis(Integer.toUnsignedLong(t) * 1000 / USER_HZ);
    }
}
