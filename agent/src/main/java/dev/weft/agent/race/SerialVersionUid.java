package dev.weft.agent.race;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * The default {@code serialVersionUID} of a class, computed from its class file exactly as
 * {@code java.io.ObjectStreamClass} computes it from the loaded class (Java Object Serialization
 * Specification, section 4.6).
 *
 * <p>weft adds an interface, a field and a method to the classes it checks for races; for a
 * serializable class without an explicit {@code serialVersionUID} that would change the default
 * one and break deserialization of data written without weft. So weft first pins the original
 * value as an explicit field. Only the class's own declarations enter the hash, which is why
 * the class file alone suffices.
 */
final class SerialVersionUid extends ClassVisitor {
    private static final int CLASS_MASK = Modifier.PUBLIC | Modifier.FINAL | Modifier.INTERFACE | Modifier.ABSTRACT;
    private static final int FIELD_MASK = Modifier.PUBLIC | Modifier.PRIVATE | Modifier.PROTECTED | Modifier.STATIC
        | Modifier.FINAL | Modifier.VOLATILE | Modifier.TRANSIENT;
    private static final int METHOD_MASK = Modifier.PUBLIC | Modifier.PRIVATE | Modifier.PROTECTED | Modifier.STATIC
        | Modifier.FINAL | Modifier.SYNCHRONIZED | Modifier.NATIVE | Modifier.ABSTRACT | Modifier.STRICT;

    private String name;
    private int access;
    private String[] interfaces;
    private final List<Member> fields = new ArrayList<>();
    private final List<Member> constructors = new ArrayList<>();
    private final List<Member> methods = new ArrayList<>();
    private boolean staticInitializer;
    private boolean declaresUid;
    private boolean misdeclared;
    private int methodCount;

    private SerialVersionUid() {
        super(Opcodes.ASM9);
    }

    /**
     * What a class file says about its serial version: declared explicitly, or the default value;
     * {@code misdeclared} when a {@code serialVersionUID} field exists but is not {@code static
     * final}, so serialization computes the default, which added members would change.
     */
    record Result(boolean declared, boolean misdeclared, long defaultValue) {
    }

    static Result of(ClassReader reader) {
        SerialVersionUid visitor = new SerialVersionUid();
        reader.accept(visitor, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return new Result(visitor.declaresUid, visitor.misdeclared, visitor.declaresUid ? 0L : visitor.compute());
    }

    private record Member(String name, int modifiers, String descriptor) {
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        this.name = name;
        this.access = access;
        this.interfaces = interfaces == null ? new String[0] : interfaces.clone();
    }

    @Override
    public void visitInnerClass(String innerName, String outerName, String simpleName, int innerAccess) {
        if (innerName.equals(name)) {
            access = innerAccess; // Class.getModifiers() answers from the InnerClasses attribute
        }
    }

    @Override
    public FieldVisitor visitField(int fieldAccess, String fieldName, String descriptor, String signature, Object value) {
        if (fieldName.equals("serialVersionUID") && descriptor.equals("J")) {
            declaresUid = true; // even a wrongly declared one: a second field of that name is illegal
            misdeclared = (fieldAccess & (Opcodes.ACC_STATIC | Opcodes.ACC_FINAL)) != (Opcodes.ACC_STATIC | Opcodes.ACC_FINAL);
        }
        fields.add(new Member(fieldName, fieldAccess & FIELD_MASK, descriptor));
        return null;
    }

    @Override
    public MethodVisitor visitMethod(int methodAccess, String methodName, String descriptor, String signature,
                                     String[] exceptions) {
        if (methodName.equals("<clinit>")) {
            staticInitializer = true;
            return null;
        }
        if (!methodName.equals("<init>")) {
            methodCount++;
        }
        Member member = new Member(methodName, methodAccess & METHOD_MASK, descriptor.replace('/', '.'));
        (methodName.equals("<init>") ? constructors : methods).add(member);
        return null;
    }

    private long compute() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeUTF(name.replace('/', '.'));
            int classModifiers = access & CLASS_MASK;
            if ((classModifiers & Modifier.INTERFACE) != 0) {
                classModifiers = methodCount > 0 ? classModifiers | Modifier.ABSTRACT : classModifiers & ~Modifier.ABSTRACT;
            }
            out.writeInt(classModifiers);
            String[] sortedInterfaces = interfaces.clone();
            for (int i = 0; i < sortedInterfaces.length; i++) {
                sortedInterfaces[i] = sortedInterfaces[i].replace('/', '.');
            }
            java.util.Arrays.sort(sortedInterfaces);
            for (String type : sortedInterfaces) {
                out.writeUTF(type);
            }
            fields.sort(Comparator.comparing(Member::name));
            for (Member field : fields) {
                int mods = field.modifiers();
                if ((mods & Modifier.PRIVATE) == 0 || (mods & (Modifier.STATIC | Modifier.TRANSIENT)) == 0) {
                    out.writeUTF(field.name());
                    out.writeInt(mods);
                    out.writeUTF(field.descriptor());
                }
            }
            if (staticInitializer) {
                out.writeUTF("<clinit>");
                out.writeInt(Modifier.STATIC);
                out.writeUTF("()V");
            }
            constructors.sort(Comparator.comparing(Member::descriptor));
            writeNonPrivate(out, constructors);
            methods.sort(Comparator.comparing(Member::name).thenComparing(Member::descriptor));
            writeNonPrivate(out, methods);
            out.flush();
            byte[] hash = MessageDigest.getInstance("SHA").digest(bytes.toByteArray());
            long value = 0;
            for (int i = Math.min(hash.length, 8) - 1; i >= 0; i--) {
                value = (value << 8) | (hash[i] & 0xFF);
            }
            return value;
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot compute serialVersionUID of " + name, e);
        }
    }

    private static void writeNonPrivate(DataOutputStream out, List<Member> members) throws IOException {
        for (Member member : members) {
            if ((member.modifiers() & Modifier.PRIVATE) == 0) {
                out.writeUTF(member.name());
                out.writeInt(member.modifiers());
                out.writeUTF(member.descriptor());
            }
        }
    }
}
