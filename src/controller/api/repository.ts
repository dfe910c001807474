/**
 * `/repository/…`: a primary controller serves one repository read-only on its own listener, for
 * the `upstream` sources of secondary controllers (docs/design.md 1, "Update sources": secondary
 * servers get updates from the primary). What is served is chosen with `--serve-repository`: a
 * DP of the applied configuration (its `repository` folder, looked up per request, so a commit
 * that moves it is followed) or a folder. The files go through `updops serve`'s own core
 * (`repositoryFiles`): the same TUF layout the sync engine reads, nothing outside the folder, no
 * dot-files or listings, ETag and Range. A DP's folder is written by the sync's atomic switch
 * (targets by content hash first, `timestamp.json` renamed in last), so a reader during a sync
 * of the primary's DP sees the previous complete version until the new one is whole.
 *
 * Who may read: on a loopback listener anyone, as every GET of the API; on any other address
 * only a caller with the API's bearer token (an `upstream` source's `secretRef`). A token that
 * is sent is always checked, so a secondary with a wrong one learns it on loopback too.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { repositoryFiles, type RepositoryFiles } from '../../repository/index.js';
import type { Logger } from '../logging.js';
import type { Controller } from '../types.js';
import { requireBearer } from './auth.js';
import { ApiError } from './http.js';

export const REPOSITORY_PREFIX = '/repository/';

/** What `--serve-repository` names: a DP of the applied configuration, or a folder. */
export type ServedRepository = { dp: string } | { folder: string };

export interface RepositoryServing {
  served: ServedRepository;
  /** Every request needs the bearer token (the listener is not loopback-only). */
  requireToken: boolean;
}

/** A DP name cannot hold a path separator (defs.json hostName); anything with one is a folder. */
export function servedRepositoryOf(value: string): ServedRepository {
  return /[/\\]/.test(value) || value === '.' || value === '..' ? { folder: value } : { dp: value };
}

/** The request target below `/repository` (`/metadata/timestamp.json?…`), or undefined for any other path. */
export function repositoryTarget(url: string | undefined): string | undefined {
  return url?.startsWith(REPOSITORY_PREFIX) ? url.slice(REPOSITORY_PREFIX.length - 1) : undefined;
}

export class RepositoryRoute {
  readonly #serving: RepositoryServing | undefined;
  readonly #token: string | undefined;
  readonly #logger: Logger | undefined;
  readonly #files: RepositoryFiles;
  /** The last reason nothing could be served, logged once rather than per request. */
  #warned: string | undefined;

  constructor(serving: RepositoryServing | undefined, token: string | undefined, logger: Logger | undefined) {
    this.#serving = serving;
    this.#token = token;
    this.#logger = logger;
    this.#files = repositoryFiles();
  }

  /** Answers one request under `/repository/`; an ApiError is answered by the caller as any API error. */
  async serve(req: IncomingMessage, res: ServerResponse, controller: Controller, target: string): Promise<void> {
    const serving = this.#serving;
    if (!serving) throw new ApiError('NOT_FOUND', 'this controller serves no repository: start it with --serve-repository DP (or a folder)');
    if (serving.requireToken || req.headers.authorization !== undefined) requireBearer(req.headers.authorization, this.#token);
    const root = await this.#root(serving.served, controller);
    this.#files.respond(root, req, res, target);
  }

  async #root(served: ServedRepository, controller: Controller): Promise<string> {
    if ('folder' in served) return path.resolve(served.folder);
    const folder = await controller.distributionPointRepository(served.dp);
    if (folder === undefined) {
      const reason = `--serve-repository: no distribution point ${served.dp} in the applied configuration`;
      if (this.#warned !== reason) this.#logger?.warn({ dp: served.dp }, reason);
      this.#warned = reason;
      throw new ApiError('UNAVAILABLE', reason, { 'retry-after': '60' });
    }
    this.#warned = undefined;
    return path.resolve(folder);
  }
}
