package io.jnetlink.core.error;

import io.jnetlink.core.internal.ffm.Syscalls;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Linux errno value: an open enumeration. {@link #of(int)} never fails: a number the table does not
 * know comes back as a value named {@code UNKNOWN_ERRNO_<n>} rather than an exception, so an error from a
 * newer kernel still reaches the caller with its number intact.
 *
 * <p>Names come from asm-generic/errno-base.h and asm-generic/errno.h, plus the kernel-internal values
 * (512 to 531, e.g. ENOTSUPP) that some netlink handlers leak to user space.
 */
public final class Errno {

    private static final Map<Integer, String> NAMES = new HashMap<>();
    private static final Map<Integer, Errno> CACHE = new ConcurrentHashMap<>();

    static {
        NAMES.put(1, "EPERM");
        NAMES.put(2, "ENOENT");
        NAMES.put(3, "ESRCH");
        NAMES.put(4, "EINTR");
        NAMES.put(5, "EIO");
        NAMES.put(6, "ENXIO");
        NAMES.put(7, "E2BIG");
        NAMES.put(8, "ENOEXEC");
        NAMES.put(9, "EBADF");
        NAMES.put(10, "ECHILD");
        NAMES.put(11, "EAGAIN");
        NAMES.put(12, "ENOMEM");
        NAMES.put(13, "EACCES");
        NAMES.put(14, "EFAULT");
        NAMES.put(15, "ENOTBLK");
        NAMES.put(16, "EBUSY");
        NAMES.put(17, "EEXIST");
        NAMES.put(18, "EXDEV");
        NAMES.put(19, "ENODEV");
        NAMES.put(20, "ENOTDIR");
        NAMES.put(21, "EISDIR");
        NAMES.put(22, "EINVAL");
        NAMES.put(23, "ENFILE");
        NAMES.put(24, "EMFILE");
        NAMES.put(25, "ENOTTY");
        NAMES.put(26, "ETXTBSY");
        NAMES.put(27, "EFBIG");
        NAMES.put(28, "ENOSPC");
        NAMES.put(29, "ESPIPE");
        NAMES.put(30, "EROFS");
        NAMES.put(31, "EMLINK");
        NAMES.put(32, "EPIPE");
        NAMES.put(33, "EDOM");
        NAMES.put(34, "ERANGE");
        NAMES.put(35, "EDEADLK");
        NAMES.put(36, "ENAMETOOLONG");
        NAMES.put(37, "ENOLCK");
        NAMES.put(38, "ENOSYS");
        NAMES.put(39, "ENOTEMPTY");
        NAMES.put(40, "ELOOP");
        NAMES.put(42, "ENOMSG");
        NAMES.put(43, "EIDRM");
        NAMES.put(44, "ECHRNG");
        NAMES.put(45, "EL2NSYNC");
        NAMES.put(46, "EL3HLT");
        NAMES.put(47, "EL3RST");
        NAMES.put(48, "ELNRNG");
        NAMES.put(49, "EUNATCH");
        NAMES.put(50, "ENOCSI");
        NAMES.put(51, "EL2HLT");
        NAMES.put(52, "EBADE");
        NAMES.put(53, "EBADR");
        NAMES.put(54, "EXFULL");
        NAMES.put(55, "ENOANO");
        NAMES.put(56, "EBADRQC");
        NAMES.put(57, "EBADSLT");
        NAMES.put(59, "EBFONT");
        NAMES.put(60, "ENOSTR");
        NAMES.put(61, "ENODATA");
        NAMES.put(62, "ETIME");
        NAMES.put(63, "ENOSR");
        NAMES.put(64, "ENONET");
        NAMES.put(65, "ENOPKG");
        NAMES.put(66, "EREMOTE");
        NAMES.put(67, "ENOLINK");
        NAMES.put(68, "EADV");
        NAMES.put(69, "ESRMNT");
        NAMES.put(70, "ECOMM");
        NAMES.put(71, "EPROTO");
        NAMES.put(72, "EMULTIHOP");
        NAMES.put(73, "EDOTDOT");
        NAMES.put(74, "EBADMSG");
        NAMES.put(75, "EOVERFLOW");
        NAMES.put(76, "ENOTUNIQ");
        NAMES.put(77, "EBADFD");
        NAMES.put(78, "EREMCHG");
        NAMES.put(79, "ELIBACC");
        NAMES.put(80, "ELIBBAD");
        NAMES.put(81, "ELIBSCN");
        NAMES.put(82, "ELIBMAX");
        NAMES.put(83, "ELIBEXEC");
        NAMES.put(84, "EILSEQ");
        NAMES.put(85, "ERESTART");
        NAMES.put(86, "ESTRPIPE");
        NAMES.put(87, "EUSERS");
        NAMES.put(88, "ENOTSOCK");
        NAMES.put(89, "EDESTADDRREQ");
        NAMES.put(90, "EMSGSIZE");
        NAMES.put(91, "EPROTOTYPE");
        NAMES.put(92, "ENOPROTOOPT");
        NAMES.put(93, "EPROTONOSUPPORT");
        NAMES.put(94, "ESOCKTNOSUPPORT");
        NAMES.put(95, "EOPNOTSUPP");
        NAMES.put(96, "EPFNOSUPPORT");
        NAMES.put(97, "EAFNOSUPPORT");
        NAMES.put(98, "EADDRINUSE");
        NAMES.put(99, "EADDRNOTAVAIL");
        NAMES.put(100, "ENETDOWN");
        NAMES.put(101, "ENETUNREACH");
        NAMES.put(102, "ENETRESET");
        NAMES.put(103, "ECONNABORTED");
        NAMES.put(104, "ECONNRESET");
        NAMES.put(105, "ENOBUFS");
        NAMES.put(106, "EISCONN");
        NAMES.put(107, "ENOTCONN");
        NAMES.put(108, "ESHUTDOWN");
        NAMES.put(109, "ETOOMANYREFS");
        NAMES.put(110, "ETIMEDOUT");
        NAMES.put(111, "ECONNREFUSED");
        NAMES.put(112, "EHOSTDOWN");
        NAMES.put(113, "EHOSTUNREACH");
        NAMES.put(114, "EALREADY");
        NAMES.put(115, "EINPROGRESS");
        NAMES.put(116, "ESTALE");
        NAMES.put(117, "EUCLEAN");
        NAMES.put(118, "ENOTNAM");
        NAMES.put(119, "ENAVAIL");
        NAMES.put(120, "EISNAM");
        NAMES.put(121, "EREMOTEIO");
        NAMES.put(122, "EDQUOT");
        NAMES.put(123, "ENOMEDIUM");
        NAMES.put(124, "EMEDIUMTYPE");
        NAMES.put(125, "ECANCELED");
        NAMES.put(126, "ENOKEY");
        NAMES.put(127, "EKEYEXPIRED");
        NAMES.put(128, "EKEYREVOKED");
        NAMES.put(129, "EKEYREJECTED");
        NAMES.put(130, "EOWNERDEAD");
        NAMES.put(131, "ENOTRECOVERABLE");
        NAMES.put(132, "ERFKILL");
        NAMES.put(133, "EHWPOISON");
        NAMES.put(512, "ERESTARTSYS");
        NAMES.put(513, "ERESTARTNOINTR");
        NAMES.put(514, "ERESTARTNOHAND");
        NAMES.put(515, "ENOIOCTLCMD");
        NAMES.put(516, "ERESTART_RESTARTBLOCK");
        NAMES.put(517, "EPROBE_DEFER");
        NAMES.put(518, "EOPENSTALE");
        NAMES.put(519, "ENOPARAM");
        NAMES.put(521, "EBADHANDLE");
        NAMES.put(522, "ENOTSYNC");
        NAMES.put(523, "EBADCOOKIE");
        NAMES.put(524, "ENOTSUPP");
        NAMES.put(525, "ETOOSMALL");
        NAMES.put(526, "ESERVERFAULT");
        NAMES.put(527, "EBADTYPE");
        NAMES.put(528, "EJUKEBOX");
        NAMES.put(529, "EIOCBQUEUED");
        NAMES.put(530, "ERECALLCONFLICT");
        NAMES.put(531, "ENOGRACE");
    }

    public static final Errno EPERM = of(1);
    public static final Errno ENOENT = of(2);
    public static final Errno ESRCH = of(3);
    public static final Errno EINTR = of(4);
    public static final Errno EIO = of(5);
    public static final Errno ENXIO = of(6);
    public static final Errno EBADF = of(9);
    public static final Errno EAGAIN = of(11);
    public static final Errno ENOMEM = of(12);
    public static final Errno EACCES = of(13);
    public static final Errno EFAULT = of(14);
    public static final Errno EBUSY = of(16);
    public static final Errno EEXIST = of(17);
    public static final Errno EXDEV = of(18);
    public static final Errno ENODEV = of(19);
    public static final Errno ENOTDIR = of(20);
    public static final Errno EINVAL = of(22);
    public static final Errno ENFILE = of(23);
    public static final Errno EMFILE = of(24);
    public static final Errno ENOSPC = of(28);
    public static final Errno ERANGE = of(34);
    public static final Errno ENAMETOOLONG = of(36);
    public static final Errno ENOSYS = of(38);
    public static final Errno ENOTEMPTY = of(39);
    public static final Errno ELOOP = of(40);
    public static final Errno ENODATA = of(61);
    public static final Errno ENOLINK = of(67);
    public static final Errno EPROTO = of(71);
    public static final Errno EBADMSG = of(74);
    public static final Errno EOVERFLOW = of(75);
    public static final Errno EMSGSIZE = of(90);
    public static final Errno ENOPROTOOPT = of(92);
    public static final Errno EPROTONOSUPPORT = of(93);
    public static final Errno EOPNOTSUPP = of(95);
    public static final Errno EAFNOSUPPORT = of(97);
    public static final Errno EADDRINUSE = of(98);
    public static final Errno EADDRNOTAVAIL = of(99);
    public static final Errno ENETDOWN = of(100);
    public static final Errno ENETUNREACH = of(101);
    public static final Errno ECONNRESET = of(104);
    public static final Errno ENOBUFS = of(105);
    public static final Errno ENOTCONN = of(107);
    public static final Errno ETIMEDOUT = of(110);
    public static final Errno ECONNREFUSED = of(111);
    public static final Errno EHOSTUNREACH = of(113);
    public static final Errno EALREADY = of(114);
    public static final Errno EINPROGRESS = of(115);
    public static final Errno ESTALE = of(116);
    public static final Errno ENOTSUPP = of(524);

    private final int number;
    private final String name;
    private final String description;

    private Errno(int number, String name, String description) {
        this.number = number;
        this.name = name;
        this.description = description;
    }

    /** The value for a positive errno number (a negative one, as netlink carries it, is negated). */
    public static Errno of(int number) {
        // Integer.MIN_VALUE has no positive counterpart; it can only be an unknown value.
        int n = number == Integer.MIN_VALUE ? number : Math.abs(number);
        return CACHE.computeIfAbsent(n, Errno::create);
    }

    private static Errno create(int n) {
        String name = NAMES.get(n);
        if (name == null) {
            return new Errno(n, "UNKNOWN_ERRNO_" + n, "Unknown error " + n);
        }
        // glibc has no text for the kernel-internal values; strerror would say "Unknown error".
        String text = n >= 512 ? kernelInternalText(name) : Syscalls.strerror(n);
        return new Errno(n, name, text);
    }

    private static String kernelInternalText(String name) {
        return switch (name) {
            case "ENOTSUPP" -> "Operation is not supported (kernel-internal ENOTSUPP)";
            default -> "Kernel-internal error " + name;
        };
    }

    /** The errno number, positive. */
    public int number() {
        return number;
    }

    /** The symbolic name, e.g. {@code EEXIST}. */
    public String name() {
        return name;
    }

    /** The C library's text, e.g. {@code File exists}. */
    public String description() {
        return description;
    }

    /** Whether the table knows this number. */
    public boolean isKnown() {
        return NAMES.containsKey(number);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Errno e && e.number == number;
    }

    @Override
    public int hashCode() {
        return number;
    }

    /** {@code EEXIST (File exists)}. */
    @Override
    public String toString() {
        return name + " (" + description + ")";
    }
}
