package org.datahandle.formats.compress;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.datahandle.spi.DeflateProvider;

/**
 * Which {@link DeflateProvider} the BGZF reader and writer (and the VCF codec's block reader) use.
 * Chosen once per process, on first use, by the system property {@value #PROPERTY}:
 *
 * <ul>
 *   <li>{@code auto} (the default): the one provider other than {@code jdk} that is found (through
 *       {@code META-INF/services}, with this library's class loader) and can run here, such as
 *       {@code libdeflate} from {@code datahandle-libdeflate}; else {@code jdk}. A provider that cannot
 *       run (its native library missing, another platform) is passed over, never an error. The choice
 *       and the reasons are logged at DEBUG ({@code System.Logger} {@code org.datahandle.formats.compress}).
 *   <li>a provider's name ({@code jdk}, {@code libdeflate}): that one, or an error saying why it cannot run.
 * </ul>
 *
 * <p>A process-wide choice, unlike the rest of the library's per-catalog state, because both of its
 * inputs are process-wide: a system property, and a native library that is loaded once per JVM.
 */
public final class DeflateProviders {

    /** The system property that chooses: {@code auto} or a provider's name. */
    public static final String PROPERTY = "datahandle.deflate";
    /** The default: the faster provider when one can run, else the JDK's. */
    public static final String AUTO = "auto";

    private static final System.Logger LOG = System.getLogger("org.datahandle.formats.compress");

    private static volatile DeflateProvider selected;

    private DeflateProviders() {}

    /**
     * The provider of this process, chosen on the first call.
     *
     * @throws IllegalArgumentException if {@value #PROPERTY} names no provider found
     * @throws IllegalStateException if it names one that cannot run here, or two providers share a
     *     name, or {@code auto} finds more than one faster provider that can run
     */
    public static DeflateProvider selected() {
        DeflateProvider p = selected;
        if (p == null) {
            synchronized (DeflateProviders.class) {
                p = selected;
                if (p == null) {
                    // not cached when it throws: the same error comes again, with a fresh stack
                    p = choose(System.getProperty(PROPERTY, AUTO), discover());
                    selected = p;
                }
            }
        }
        return p;
    }

    /** Every provider found, the JDK's always among them (also when a shaded jar lost its services file). */
    static List<DeflateProvider> discover() {
        List<DeflateProvider> found = new ArrayList<>();
        Iterator<DeflateProvider> it = ServiceLoader.load(DeflateProvider.class, DeflateProviders.class.getClassLoader())
                .iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                // a provider class that cannot be made (missing or broken): like one that cannot run
                LOG.log(System.Logger.Level.DEBUG, "deflate: a provider could not be loaded: {0}", e.getMessage());
            }
        }
        if (found.stream().noneMatch(p -> p.name().equals(JdkDeflateProvider.NAME))) {
            found.add(new JdkDeflateProvider());
        }
        return found;
    }

    /** The choice for {@code setting} among {@code providers}; see the class comment. */
    static DeflateProvider choose(String setting, List<DeflateProvider> providers) {
        Map<String, DeflateProvider> byName = new LinkedHashMap<>();
        for (DeflateProvider p : providers) {
            DeflateProvider before = byName.putIfAbsent(p.name(), p);
            if (before != null) {
                throw new IllegalStateException("two deflate providers are named '" + p.name() + "': "
                        + before.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        String wanted = setting.trim().toLowerCase(Locale.ROOT);
        if (!wanted.equals(AUTO)) {
            DeflateProvider p = byName.get(wanted);
            if (p == null) {
                throw new IllegalArgumentException(PROPERTY + "=" + setting + " names no deflate provider; found: "
                        + String.join(", ", byName.keySet()) + " (or " + AUTO + ")"
                        + (wanted.equals("libdeflate") ? "; libdeflate is in the artifact datahandle-libdeflate" : ""));
            }
            p.unavailableReason().ifPresent(why -> {
                throw new IllegalStateException(PROPERTY + "=" + setting + ", but " + p.name() + " cannot run here: " + why);
            });
            LOG.log(System.Logger.Level.DEBUG, "deflate: using {0} ({1}={2})", p.name(), PROPERTY, setting);
            return p;
        }
        List<DeflateProvider> faster = new ArrayList<>();
        for (DeflateProvider p : byName.values()) {
            if (p.name().equals(JdkDeflateProvider.NAME)) {
                continue;
            }
            var why = p.unavailableReason();
            if (why.isPresent()) {
                LOG.log(System.Logger.Level.DEBUG, "deflate: {0} cannot run here: {1}", p.name(), why.get());
            } else {
                faster.add(p);
            }
        }
        if (faster.size() > 1) {
            throw new IllegalStateException("several deflate providers can run here ("
                    + faster.stream().map(DeflateProvider::name).collect(Collectors.joining(", "))
                    + "); choose one with -D" + PROPERTY + "=NAME");
        }
        DeflateProvider p = faster.isEmpty() ? byName.getOrDefault(JdkDeflateProvider.NAME, new JdkDeflateProvider()) : faster.get(0);
        LOG.log(System.Logger.Level.DEBUG, "deflate: using {0} ({1}={2})", p.name(), PROPERTY, AUTO);
        return p;
    }
}
