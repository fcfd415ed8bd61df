"""Imported only by the PDF renderer's forkserver (see danvan.documents._context): warm it up once."""

from danvan.documents import warm_up

warm_up()
