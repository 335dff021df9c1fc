package io.tatekae.bench.replay;

import io.tatekae.iso.IsoDecoder;
import io.tatekae.recorder.RecordedMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The requests of a recording, in recorded order, each paired with its recorded response: the
 * first message the switch then sent on the same connection with the response MTI and the same
 * DE 11. Network management (08xx) is left out: the replayer signs on itself. Frames that do not
 * decode are counted and left out.
 */
final class ReplayScript {
    /** How far ahead of a request its response is looked for. */
    private static final int RESPONSE_WINDOW = 100_000;

    final List<RecordedExchange> exchanges = new ArrayList<>();
    int undecodable;

    static ReplayScript from(List<RecordedMessage> recording, IsoDecoder decoder) {
        ReplayScript script = new ReplayScript();
        ReplayMessage[] decoded = new ReplayMessage[recording.size()];
        for (int i = 0; i < recording.size(); i++) {
            decoded[i] = ReplayMessage.decode(decoder, recording.get(i).message());
        }
        boolean[] used = new boolean[recording.size()];
        for (int i = 0; i < recording.size(); i++) {
            RecordedMessage entry = recording.get(i);
            if (!entry.inbound()) {
                continue;
            }
            ReplayMessage request = decoded[i];
            if (request == null) {
                script.undecodable++;
                continue;
            }
            if (request.mti() / 100 == 8 || request.mti() % 100 % 20 >= 10) {
                continue; // network management, or a response sent to the switch
            }
            int answer = findResponse(recording, decoded, used, i);
            if (answer >= 0) {
                used[answer] = true;
            }
            script.exchanges.add(new RecordedExchange(entry.epochMicros(), entry.connectionId(), request,
                    answer < 0 ? null : decoded[answer]));
        }
        return script;
    }

    private static int findResponse(List<RecordedMessage> recording, ReplayMessage[] decoded, boolean[] used, int requestAt) {
        RecordedMessage entry = recording.get(requestAt);
        ReplayMessage request = decoded[requestAt];
        int end = Math.min(recording.size(), requestAt + RESPONSE_WINDOW);
        for (int j = requestAt + 1; j < end; j++) {
            RecordedMessage candidate = recording.get(j);
            ReplayMessage response = decoded[j];
            if (!candidate.inbound() && !used[j] && response != null && candidate.connectionId() == entry.connectionId()
                    && response.mti() == request.mti() + 10 && Objects.equals(response.get(11), request.get(11))) {
                return j;
            }
        }
        return -1;
    }
}
