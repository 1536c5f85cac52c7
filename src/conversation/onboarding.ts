import type { Routing } from "../escalation/routing.js";
import { isUiLanguage, UI_LANGUAGES } from "../i18n/detect.js";
import type { Translate } from "../i18n/i18n.js";
import type { Clock } from "../core/clock.js";
import { contactBlocks, localeBlocks, localeSpans, placeName, regionLabel } from "./compose.js";
import type { Block, Button, Reply } from "../core/message.js";
import { registerButton, type UserState } from "./state.js";
import { reply, rows, type Turn } from "./turn.js";
import type { Feature } from "./feature.js";

/** Language and region: asked for during `/start`, changed with `/language` and `/region`. */

export interface OnboardingDeps {
  routing: Routing;
  t: Translate;
  clock: Clock;
  state: Pick<UserState, "saveProfile">;
}

export class Onboarding {
  constructor(private readonly deps: OnboardingDeps) {}

  languageQuestion(turn: Turn): Reply {
    const buttons = UI_LANGUAGES.map((lang) => ({
      id: registerButton(turn.conversation, { do: "lang", lang }),
      label: this.deps.t(lang, "language.self"),
    }));
    return reply(turn.lang, [{ type: "paragraph", spans: localeSpans(this.deps.t, turn.lang, "start.chooseLanguage") }], rows(buttons, 2), "onboarding");
  }

  landQuestion(turn: Turn): Reply {
    const buttons = this.deps.routing.lands.map((land) => ({
      id: registerButton(turn.conversation, { do: "land", land: land.id }),
      label: placeName(land, this.deps.t, turn.lang),
    }));
    return reply(turn.lang, [{ type: "paragraph", spans: localeSpans(this.deps.t, turn.lang, "start.chooseLand") }], rows(buttons, 2), "onboarding");
  }

  async setLanguage(lang: string, turn: Turn): Promise<Reply[]> {
    if (!isUiLanguage(lang)) return [reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "errors.buttonExpired"), undefined, "error")];
    turn.profile = await this.deps.state.saveProfile(turn.address, { lang }, this.deps.clock.now());
    turn.lang = lang;
    const done = reply(lang, localeBlocks(this.deps.t, lang, "start.languageSet"));
    if (turn.conversation.onboarding) return [done, this.landQuestion(turn)];
    return [done];
  }

  setLand(landId: string, turn: Turn): Promise<Reply[]> {
    const land = this.deps.routing.land(landId);
    if (!land) return Promise.resolve([reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "errors.buttonExpired"), undefined, "error")]);
    if (land.regions.length === 0) return this.setRegion(land.id, turn);
    const buttons: Button[] = land.regions.map((r) => ({ id: registerButton(turn.conversation, { do: "region", region: r.id }), label: placeName(r, this.deps.t, turn.lang) }));
    const landName = placeName(land, this.deps.t, turn.lang);
    buttons.push({ id: registerButton(turn.conversation, { do: "region", region: land.id }), label: this.deps.t(turn.lang, "start.wholeLand", { land: landName }) });
    const question = reply(turn.lang, [{ type: "paragraph", spans: localeSpans(this.deps.t, turn.lang, "start.chooseRegion", { land: landName }) }], rows(buttons, 2), "onboarding");
    return Promise.resolve([question]);
  }

  async setRegion(regionId: string, turn: Turn): Promise<Reply[]> {
    const route = this.deps.routing.route(regionId);
    if (!route.land) return [reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "errors.buttonExpired"), undefined, "error")];
    turn.profile = await this.deps.state.saveProfile(turn.address, { region: regionId }, this.deps.clock.now());
    const label = regionLabel(this.deps.routing, regionId, this.deps.t, turn.lang) ?? placeName(route.land, this.deps.t, turn.lang);
    const blocks: Block[] = [
      { type: "paragraph", spans: localeSpans(this.deps.t, turn.lang, "start.regionSet", { region: label }) },
      ...contactBlocks(this.deps.t, turn.lang, route.contact, this.deps.clock.now()),
    ];
    if (turn.conversation.onboarding) {
      turn.conversation.onboarding = false;
      blocks.push(...localeBlocks(this.deps.t, turn.lang, "start.done"));
    }
    return [reply(turn.lang, blocks, undefined, "onboarding")];
  }

  /** `/region Neukölln` or `/region berlin-neukoelln`: a region by id or name; undefined when none fits. */
  findRegion(args: string): string | undefined {
    const wanted = args.trim().toLowerCase();
    if (!wanted) return undefined;
    for (const land of this.deps.routing.lands) {
      if (land.id === wanted || land.name.toLowerCase() === wanted) return land.id;
      const region = land.regions.find((r) => r.id === wanted || r.name.toLowerCase() === wanted);
      if (region) return region.id;
    }
    return undefined;
  }

  /** /start, /help, /language, /region, and the language, Land and region buttons. */
  feature(): Feature {
    const { t } = this.deps;
    return {
      name: "onboarding",
      commands: {
        start: (_args, turn) => {
          turn.conversation.onboarding = true;
          return [reply(turn.lang, localeBlocks(t, turn.lang, "start.welcome")), this.languageQuestion(turn)];
        },
        help: (_args, turn) => [reply(turn.lang, localeBlocks(t, turn.lang, "help.text"))],
        language: (args, turn) => {
          const wanted = args.trim().toLowerCase();
          return wanted ? this.setLanguage(wanted, turn) : [this.languageQuestion(turn)];
        },
        region: (args, turn) => {
          const wanted = this.findRegion(args);
          return wanted ? this.setRegion(wanted, turn) : [this.landQuestion(turn)];
        },
      },
      buttons: {
        lang: (action, turn) => this.setLanguage(action.lang, turn),
        land: (action, turn) => this.setLand(action.land, turn),
        region: (action, turn) => this.setRegion(action.region, turn),
      },
    };
  }
}
