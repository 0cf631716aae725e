// The domain's dates are Chronology's `PartialDate` (and an event's `occurredAt` is Chronology's to
// read): re-exported, so a user of the domain's events has their dates without a second import.
@_exported import Chronology
