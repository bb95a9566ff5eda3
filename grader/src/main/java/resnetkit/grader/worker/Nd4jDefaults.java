package resnetkit.grader.worker;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's process-wide defaults (the data types of arrays made without one), put back before every graded test and
 * after an in-process run: what one exercise's code set (half-precision arrays, say) cannot change how another
 * exercise's tests compute. The defaults are ND4J's own, float, which the kit never changes.
 */
final class Nd4jDefaults {

    /** ND4J's defaults as it starts. */
    static final Nd4jDefaults ND4J = new Nd4jDefaults(DataType.FLOAT, DataType.FLOAT);

    private final DataType dataType;
    private final DataType floatingPoint;

    private Nd4jDefaults(DataType dataType, DataType floatingPoint) {
        this.dataType = dataType;
        this.floatingPoint = floatingPoint;
    }

    /** Puts the defaults back where they were, if exercise code changed them. */
    void restore() {
        if (Nd4j.dataType() != dataType || Nd4j.defaultFloatingPointType() != floatingPoint) {
            Nd4j.setDefaultDataTypes(dataType, floatingPoint);
        }
    }
}
