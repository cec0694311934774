"""A case's paraafroute: the way from concept to besluit (issue 30).

- :mod:`.template`: the route templates of a workspace (``routes.yaml`` beside the cases,
  validated like a case file; a built-in default when there is none);
- :mod:`.record`: the case's append-only record of actions (``besluitpak.route.jsonl``
  beside its case file), each line chained to the one before;
- :mod:`.outcomes`: what the vergadering files say about the case (on the agenda, decided);
- :mod:`.status`: the status, computed from template, record, package and meetings, never
  stored.

Writing an action (under the case's edit lock) is :mod:`besluitpak.editing.route`; this
package only reads and computes, so the archive (:mod:`besluitpak.archival`) can use it.
"""
