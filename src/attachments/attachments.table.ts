/** Images attached to a consulta answer (src/consultas/), in the order given. */
export interface ConsultaAnswerMediaTable {
  answer_id: string;
  media_id: string;
  position: number;
}

/** Images attached to a support group's post (src/groups/), in the order given. */
export interface GroupPostMediaTable {
  post_id: string;
  media_id: string;
  position: number;
}
