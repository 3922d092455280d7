package dev.weft.agent.instrument;

import dev.weft.agent.origin.CodeSources;
import dev.weft.agent.race.RaceInstrumentation;
import dev.weft.runtime.Hooks;
import dev.weft.runtime.InternalErrors;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Rewrites the application's classes as they load, with ByteBuddy's ASM directly.
 *
 * <p>A full ByteBuddy type transformation costs milliseconds per class (type descriptions, method
 * graphs); an application with a few thousand classes would start seconds later. Here a class
 * without lock acquisitions costs one quick scan and is left untouched, and a class with some is
 * copied by ASM with only those methods rewritten ({@link LockSiteVisitor}). Frames are kept as
 * they are (the rewrite adds no branches), so no class hierarchy has to be resolved.
 *
 * <p>With race detection every application class is rewritten: its field accesses are checked
 * and, while it loads, it gets shadows for its objects ({@link RaceInstrumentation}).
 *
 * <p>Every class outside the JDK and weft is noted with its code source ({@link CodeSources}) before
 * {@code include=}/{@code exclude=} are applied, so that reports can tell whose code it is.
 */
final class ApplicationTransformer implements ClassFileTransformer {
    private final ClassFilter filter;
    private final boolean releases;
    private final RaceInstrumentation races;
    private final AtomicLong transformed;
    private final Instrumentation inst;
    private final LockTypes lockTypes = new LockTypes();
    private final CodeSources codeSources;

    /**
     * @param releases whether lock releases are hooked too (held-lock tracking), not only acquisitions
     * @param races    race detection's part of the rewrite, or null when races are off
     */
    ApplicationTransformer(Instrumentation inst, ClassFilter filter, boolean releases, RaceInstrumentation races,
                           AtomicLong transformed, CodeSources codeSources) {
        this.inst = inst;
        this.codeSources = codeSources;
        this.filter = filter;
        this.releases = releases;
        this.races = races;
        this.transformed = transformed;
    }

    /**
     * A class of a named module may only implement weft's {@code Shadowed} (in the boot loader's
     * unnamed module) if its module reads that module: the edge is added before the class is
     * defined.
     */
    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
                            ProtectionDomain domain, byte[] bytes) {
        // weft's own caches (concurrent maps, atomics) order nothing between the threads loading classes
        Hooks.enterMachinery();
        try {
            return transformInModule(module, loader, internalName, redefined, domain, bytes);
        } finally {
            Hooks.leaveMachinery();
        }
    }

    private byte[] transformInModule(Module module, ClassLoader loader, String internalName, Class<?> redefined,
                                     ProtectionDomain domain, byte[] bytes) {
        byte[] rewritten = transform(loader, internalName, redefined, domain, bytes);
        if (rewritten != null && races != null && module != null && module.isNamed()) {
            Module runtime = dev.weft.runtime.Shadowed.class.getModule();
            if (!module.canRead(runtime)) {
                try {
                    inst.redefineModule(module, java.util.Set.of(runtime), java.util.Map.of(), java.util.Map.of(),
                        java.util.Set.of(), java.util.Map.of());
                } catch (RuntimeException e) {
                    InternalErrors.transformFailed(internalName.replace('/', '.'), e);
                    return null; // unchanged rather than unloadable
                }
            }
        }
        return rewritten;
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) {
        if (loader == null || loader == ClassLoader.getPlatformClassLoader() || internalName == null) {
            return null;
        }
        String className = internalName.replace('/', '.');
        if (!ClassFilter.outsideJdkAndWeft(className)) {
            return null;
        }
        // weft's own concurrent maps (code sources, lock types) order no application code: the race
        // models ignore them, as they ignore class loading, also for classes defined outside loadClass
        Hooks.enterMachinery();
        try {
            if (redefined == null) { // a retransformed class was noted when it was found loaded
                codeSources.loaded(domain, internalName);
            }
            return filter.instruments(className) ? rewrite(loader, internalName, className, redefined, bytes) : null;
        } finally {
            Hooks.leaveMachinery();
        }
    }

    private byte[] rewrite(ClassLoader loader, String internalName, String className, Class<?> redefined,
                           byte[] bytes) {
        try {
            ClassReader reader = new ClassReader(bytes);
            LockTypes.LockTypeCheck locks = lockTypes.forLoader(loader);
            Set<String> methods = LockSiteScanner.methodsWithLocks(reader, releases, locks);
            if (methods.isEmpty() && races == null) {
                return null;
            }
            int classVersion = reader.readUnsignedShort(6);
            ClassWriter writer = new ClassWriter(reader, 0);
            ClassVisitor target = races == null ? writer : races.withShadows(writer, reader, redefined);
            RaceInstrumentation.CheckPlan plan = races == null ? null : races.plan(reader);
            reader.accept(new ClassVisitor(Opcodes.ASM9, target) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    MethodVisitor visitor = super.visitMethod(access, name, descriptor, signature, exceptions);
                    if (races != null) {
                        visitor = races.checks(visitor, loader, internalName, classVersion, access, name, descriptor,
                            plan);
                    }
                    return methods.contains(LockSiteScanner.key(name, descriptor))
                        ? new LockSiteVisitor(visitor, internalName, name, access, classVersion, releases, locks)
                        : visitor;
                }
            }, ClassReader.EXPAND_FRAMES);
            transformed.incrementAndGet();
            return writer.toByteArray();
        } catch (Throwable t) {
            InternalErrors.transformFailed(className, t);
            return null;
        }
    }
}
