package dev.headroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.advisor.profile.ProfileJson;
import dev.headroom.sizing.hardware.HardwareProfile;

/** JSON output shared by the commands: one mapper, and the advisor's one shape for a hardware profile. */
public final class Json {
    public static final ObjectMapper MAPPER = ProfileJson.MAPPER;

    private Json() {
    }

    public static ObjectNode object() {
        return ProfileJson.object();
    }

    public static String write(Object node) {
        return ProfileJson.write(node);
    }

    /** The hardware profile as {@link ProfileJson#hardware} writes it (read back by {@code --hardware}). */
    public static ObjectNode hardware(HardwareProfile hw) {
        return ProfileJson.hardware(hw);
    }
}
