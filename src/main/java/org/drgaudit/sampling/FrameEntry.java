package org.drgaudit.sampling;

/** One eligible ordinary case of a sampling frame, with the hash of its stored content. */
public record FrameEntry(String caseId, String hospitalCode, String contentHash) {
}
