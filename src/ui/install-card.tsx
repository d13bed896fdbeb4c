// Install the desk app: a button where the browser offers it, a hint on iPad/iPhone, nothing
// once it runs installed. Storage persistence is asked again after installing, since
// browsers grant it more readily to an installed app.
import { requestPersistence } from './app-state.ts';
import { t } from './screen-strings.ts';
import { installOffer, isAppleMobile, runsInstalled } from './install-offer.ts';

/** The install button or the iPad hint; renders nothing when neither applies. */
export function InstallCard() {
  if (runsInstalled()) return null;
  const offer = installOffer.value;
  if (offer) {
    const install = async () => {
      await offer.prompt();
      const choice = await offer.userChoice;
      installOffer.value = undefined;
      if (choice.outcome === 'accepted') await requestPersistence();
    };
    return <p class="install"><button class="secondary" data-testid="install-app" onClick={install}>{t('installApp')}</button></p>;
  }
  if (isAppleMobile()) return <p class="install muted" data-testid="install-hint-ios">{t('installHintIos')}</p>;
  return null;
}
