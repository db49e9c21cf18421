"""The event coder's rules, one module per job; :class:`redline.events.coder.EventCoder` runs them.

Per sentence (:mod:`.sentence`):

1. :mod:`.frames` — tokens that match a trigger pattern of ``verbs.yaml``; a plain frame codes its own event.
2. :mod:`.wrappers` — a frame that wraps an event ("refused to *meet*") recodes its complement.
3. :mod:`.filters` — conditions, purposes, obligations, allegations and mentions are not events.
4. :mod:`.speech` and :mod:`.threats` — speech acts whose actor is the speaker (modal demands, promised
   responses, denied entitlements); :mod:`.voice` finds who speaks a clause.
5. :mod:`.flags` — negation, future and hypothetical marks and PLOVER's mood rules.
6. :mod:`.arguments` (tokens) and :mod:`.parties` (actors) — who acts and who is acted on.
7. :mod:`.build` — the ``Event`` record: dates, place, contexts, scores, confidence; clean-up per article.

Shared resources travel in a :class:`.kit.Kit`; word lists, weights and cut-offs are in
``redline/data/events/rules.yaml`` (:mod:`.words`).
"""
