package resnetkit.grader.guard;

import net.bytebuddy.asm.Advice;
import resnetkit.grader.guard.bridge.GuardBridge;

/**
 * The code written at the start of every guarded JDK method: it hands the call to the {@link GuardBridge}.
 * Never run as it is: Byte Buddy copies this method's body into each guarded method, with the hook's number.
 */
final class EntryAdvice {

    private EntryAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@HookId int hook, @Advice.This(optional = true) Object self,
                      @Advice.AllArguments Object[] args) {
        GuardBridge.check(hook, self, args);
    }

    /** The same for a constructor, whose object does not exist yet when the check runs. */
    static final class ForConstructor {

        private ForConstructor() {
        }

        @Advice.OnMethodEnter
        static void enter(@HookId int hook, @Advice.AllArguments Object[] args) {
            GuardBridge.check(hook, null, args);
        }
    }
}
