export const ERASE_ACTION = "lotse_erase_me";

/** `/lotse delete_me`: a danger button behind Slack's own "are you sure?" dialog. */
export function eraseConfirmation(t: (key: string) => string) {
  return [
    { type: "section", text: { type: "mrkdwn", text: t("slack.deleteConfirm") } },
    {
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: ERASE_ACTION,
          style: "danger",
          text: { type: "plain_text", text: t("privacy.deleteYes") },
          value: "me",
          confirm: {
            title: { type: "plain_text", text: t("slack.deleteTitle") },
            text: { type: "plain_text", text: t("slack.deleteDialog") },
            confirm: { type: "plain_text", text: t("privacy.deleteYes") },
            deny: { type: "plain_text", text: t("privacy.deleteNo") },
            style: "danger",
          },
        },
      ],
    },
  ];
}
