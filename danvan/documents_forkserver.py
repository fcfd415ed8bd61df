"""Imported only by the PDF renderer's forkserver (see danvan.documents._context): warm it up once.

The forkserver needs no death signal of its own: Python's forkserver leaves its loop when
the pipe only its parent holds reaches end of file, that is when the web worker dies, and
each render child it forks dies with it (danvan.document_child.die_with_parent). A death signal
here would follow the worker *thread* that started the server, and `runserver` ends a
thread per request.
"""

from danvan.document_child import keep_children_off_main, mark_forkserver, own_temporary_folder, warm_up

mark_forkserver()
keep_children_off_main()
own_temporary_folder()
warm_up()
