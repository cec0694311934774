"""``besluitpak serve``: the web page for the secretariat, policy advisors and archivists.

A thin Django layer over the public API (:mod:`besluitpak`): a *workspace* is a folder of
case folders, exactly what the command line reads; the page edits those files and starts
builds as background jobs. The database holds only people, roles, jobs and the audit log.
Nothing here knows about LibreOffice or PDF internals.
"""
